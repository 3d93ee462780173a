import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { RedisLeaderboardStore } from './redis-store';
import { ResilientLeaderboardStore } from './resilient-store';
import { ledgerFeed } from './projection';
import { withClosedPeriods } from './closed-boards';

/**
 * Memory by default; Redis sorted sets shared by every process (with a local fallback) when REDIS_URL is set.
 * Either holds the boards of periods not closed; closed periods' boards are read from the ledger when asked.
 */
export function createLeaderboardStore(
	config: Config,
	db: Db
): { store: LeaderboardStore; close: () => Promise<void>; whenResynced: (listener: () => void) => void } {
	const local = new MemoryLeaderboardStore();
	if (!config.redisUrl) {
		const store = withClosedPeriods(db, local);
		return { store, close: () => store.close(), whenResynced: () => undefined };
	}
	const redis = new Redis(config.redisUrl, {
		maxRetriesPerRequest: 1,
		enableOfflineQueue: false,
		retryStrategy: (n) => Math.min(n * 250, 2000)
	});
	redis.on('error', () => {
		// The store notices failures on use and logs them once; ioredis keeps reconnecting.
	});
	const shared = new ResilientLeaderboardStore(
		new RedisLeaderboardStore(redis, `${config.redisPrefix}:boards`),
		local,
		ledgerFeed(db),
		(listener) => redis.on('ready', listener)
	);
	const store = withClosedPeriods(db, shared);
	return {
		store,
		whenResynced: (listener) => (shared.onResync = listener),
		close: async () => {
			await store.close();
			if (redis.status === 'ready') await redis.quit().catch(() => undefined);
			redis.disconnect();
		}
	};
}

/** The shared Redis boards alone (for the ledger commands), or a memory store when there is no Redis. */
export function openBoardsForCommand(config: Config): { store: LeaderboardStore; close: () => Promise<void> } {
	if (!config.redisUrl) {
		const store = new MemoryLeaderboardStore();
		return { store, close: () => store.close() };
	}
	const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
	return { store: new RedisLeaderboardStore(redis, `${config.redisPrefix}:boards`), close: async () => void (await redis.quit()) };
}
