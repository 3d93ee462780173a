import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { redisAnswers, redisServerEnv } from './redis';
import { until } from './wait';

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Whether a private redis-server can be started; under CI its absence is a failure, locally a printed skip. */
export function haveRedisServer(what: string): boolean {
	// Bounded: a redis-server that hangs (as it did under libfaketime, see redisServerEnv) fails here loudly
	// instead of blocking the worker for good.
	const probe = spawnSync(REDIS_SERVER, ['--version'], { env: redisServerEnv(), timeout: 10_000 });
	const have = (probe.error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';
	if (probe.error && have) throw new Error(`${REDIS_SERVER} --version: ${probe.error.message}`);
	if (!have) {
		const message = `${REDIS_SERVER} is not installed (apt-get install -y redis-server): ${what} need a private Redis they can stop and restart`;
		if (process.env.CI === 'true') throw new Error(`CI=true: ${message}`);
		console.warn(`[tests] ${message}; skipped (they are required under CI=true)`);
	}
	return have;
}

/** A redis-server of the test's own, without persistence, so stopping it loses everything as a crash would. */
export class PrivateRedis {
	proc: ChildProcess | null = null;
	constructor(readonly port: number) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const proc = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			stdio: 'ignore',
			env: redisServerEnv()
		});
		this.proc = proc;
		await until(
			async () => (proc.exitCode === null ? this.answers() : Promise.reject(new Error(`redis-server exited with ${proc.exitCode}`))),
			10_000,
			'redis-server answers PING'
		);
	}

	/** Kills it outright, as a crash or an OOM kill would. */
	async kill(): Promise<void> {
		const proc = this.proc;
		this.proc = null;
		if (!proc || proc.exitCode !== null) return;
		const exited = new Promise((r) => proc.once('exit', r));
		proc.kill('SIGKILL');
		await exited;
	}

	answers(): Promise<boolean> {
		return redisAnswers(this.url, 500);
	}

	async deleteKeys(prefix: string): Promise<number> {
		const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
		let deleted = 0;
		try {
			let cursor = '0';
			do {
				const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
				if (keys.length) deleted += await client.del(...keys);
				cursor = next;
			} while (cursor !== '0');
		} finally {
			client.disconnect();
		}
		return deleted;
	}
}
