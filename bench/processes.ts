/** What the benches that start the app share: a free port, its environment, its processes (a cluster has several), a sign-in. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { DEMO_PASSWORD } from '../src/lib/server/seed/demo-data';

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

/** A process and its descendants (the app's primary and its workers when WORKERS > 1). */
export function processTree(pid: number): number[] {
	let children: number[] = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		// the process ended meanwhile
	}
	return [pid, ...children.flatMap(processTree)];
}

/**
 * The environment a bench starts the production server with: its own port and database, none of the shell's Redis or
 * ORIGIN (a bench that wants Redis adds it), `extra` on top.
 */
export function appEnv(port: number, databasePath: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath };
	delete env.REDIS_URL;
	delete env.ORIGIN;
	return Object.assign(env, extra);
}

/** Signs in like the login form does (a demo account); returns the session cookie. */
export async function signIn(url: string, identifier: string): Promise<string> {
	const res = await fetch(`${url}/dang-nhap`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html' },
		body: new URLSearchParams({ identifier, password: DEMO_PASSWORD, next: '/' }).toString()
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.includes('session'));
	if (res.status !== 303 || !cookie) throw new Error(`login as ${identifier} failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
	return cookie;
}
