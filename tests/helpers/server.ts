import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** `node --import tsx` keeps a script a single process, so signals (and kill -9) reach it directly. */
export const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
/** The production entry as production runs it (npm run build bundles server.ts there). */
export const SERVER_ENTRY = 'build/server.js';

export function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.once('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => ok(port));
		});
	});
}

export interface RunningServer {
	url: string;
	port: number;
	proc: ChildProcess;
	output: () => string;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDbPath(): string {
	return join(mkdtempSync(join(tmpdir(), 'tienphong-srv-')), 'app.db');
}

/**
 * Starts the production entry (build/server.js over build/) on a free port and waits until it listens. The bound is
 * generous: on a machine shared with other test runs a start has taken over 30 s; a healthy one takes 1-3 s.
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<RunningServer> {
	if (!existsSync(join(ROOT, SERVER_ENTRY))) throw new Error('build/ is missing: run `npm run build` first (npm test does)');
	const port = await freePort();
	const proc = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: tempDbPath(), WORKERS: '1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
	await new Promise<void>((ok, fail) => {
		const timer = setTimeout(() => {
			// Not left running behind a failed test.
			proc.kill('SIGKILL');
			fail(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
		}, timeoutMs);
		const check = () => {
			if (out.includes('đang chạy tại')) {
				clearTimeout(timer);
				ok();
			}
		};
		proc.stdout!.on('data', check);
		void exited.then((code) => {
			clearTimeout(timer);
			fail(new Error(`server exited with ${code}:\n${out}`));
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		proc,
		output: () => out,
		async stop(signal = 'SIGTERM') {
			if (proc.exitCode !== null) return proc.exitCode;
			proc.kill(signal);
			return exited;
		}
	};
}
