import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { RedisLeaderboardStore } from './redis-store';
import { allPeriods, boardChanges, boardsFromLedger, type LedgerEntry } from './ledger';

/** Memory by default; Redis sorted sets, shared by every process, when REDIS_URL is set. */
export function createLeaderboardStore(config: Config): { store: LeaderboardStore; close: () => Promise<void> } {
	if (!config.redisUrl) {
		const store = new MemoryLeaderboardStore();
		return { store, close: () => store.close() };
	}
	const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 250, 2000) });
	redis.on('error', () => {
		// Reported by the realtime layer's health; board reads fall back to the ledger (see boards.ts).
	});
	return {
		store: new RedisLeaderboardStore(redis, `${config.redisPrefix}:boards`),
		close: async () => {
			if (redis.status === 'ready') await redis.quit().catch(() => undefined);
			redis.disconnect();
		}
	};
}

/** After a commit: moves the boards by exactly what the new ledger rows say. */
export async function applyToBoards(db: Db, store: LeaderboardStore, entries: LedgerEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await store.apply(boardChanges(entries, allPeriods(db)));
}

/** Boards are projections: throw them away and recompute from the ledger. */
export async function rebuildBoards(db: Db, store: LeaderboardStore): Promise<{ boards: number; rows: number }> {
	const boards = boardsFromLedger(db);
	await store.replaceAll(boards);
	let rows = 0;
	for (const board of boards.values()) rows += board.size;
	return { boards: boards.size, rows };
}

export interface BoardDifference {
	key: string;
	subjectId: string;
	ledger: number | null;
	store: number | null;
}

/** Every place where a board disagrees with the ledger (empty when they agree). */
export async function verifyBoards(db: Db, store: LeaderboardStore): Promise<BoardDifference[]> {
	const expected = boardsFromLedger(db);
	const differences: BoardDifference[] = [];
	const keys = new Set([...expected.keys(), ...(await store.keys())]);
	for (const key of [...keys].sort()) {
		const want = expected.get(key) ?? new Map<string, { score: number }>();
		const have = await store.scores(key);
		for (const subjectId of new Set([...want.keys(), ...have.keys()])) {
			const ledger = want.get(subjectId)?.score ?? null;
			const stored = have.get(subjectId) ?? null;
			if (ledger !== stored) differences.push({ key, subjectId, ledger, store: stored });
		}
	}
	return differences;
}
