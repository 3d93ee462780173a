import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** True when Redis answers PING at `url` (once, no retries). */
export async function redisAnswers(url: string, connectTimeout = 1000): Promise<boolean> {
	const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout });
	client.on('error', () => {});
	try {
		await client.connect();
		return (await client.ping()) === 'PONG';
	} catch {
		return false;
	} finally {
		client.disconnect();
	}
}

/** True when the shared test Redis answers. Under CI a missing Redis is a failure, never a silent skip. */
export function redisAvailable(): Promise<boolean> {
	return redisAnswers(REDIS_URL);
}

export async function requireRedisUnlessLocal(): Promise<boolean> {
	const up = await redisAvailable();
	if (!up && process.env.CI === 'true') throw new Error(`CI=true but Redis does not answer at ${REDIS_URL}`);
	if (!up) console.warn(`[tests] Redis not reachable at ${REDIS_URL}: Redis tests are skipped (they are required under CI=true)`);
	return up;
}

/** Deletes every key under a test's own prefix. */
export async function deletePrefix(prefix: string): Promise<void> {
	const client = new Redis(REDIS_URL);
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
			if (keys.length) await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
}

/**
 * The environment for a redis-server a test starts: this process's, without libfaketime. Under `faketime`
 * (README, "Tests at another date") LD_PRELOAD carries libfaketime into every child, and Debian's
 * redis-server, linked with jemalloc, deadlocks at its first malloc: jemalloc reads the clock while it
 * initialises, libfaketime's lazy dlsym() allocates an error message, and jemalloc re-enters its own lock
 * (libfaketime issue #130). Redis keeps the real clock, as the shared Redis on 6379 does: it was started
 * outside faketime, and the app never compares its clock with Redis's.
 */
export function redisServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(env)) if (!name.startsWith('FAKETIME')) clean[name] = value;
	const preload = (env.LD_PRELOAD ?? '')
		.split(/[\s:]+/)
		.filter((lib) => lib !== '' && !lib.includes('faketime'))
		.join(':');
	if (preload) clean.LD_PRELOAD = preload;
	else delete clean.LD_PRELOAD;
	return clean;
}
