import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { RedisLeaderboardStore } from './redis-store';
import { allPeriods, boardChanges, boardsFromLedger, type LedgerEntry } from './ledger';

/**
 * Redis boards with a local copy: every change goes to both, reads come from Redis while it is healthy.
 * When Redis fails, this process keeps answering from its own copy (its approvals still count there), and
 * when Redis comes back the shared boards are rebuilt from the ledger before Redis is read again.
 */
export class ResilientLeaderboardStore implements LeaderboardStore {
	private healthy = false;
	private rebuilding: Promise<void> | null = null;
	/** Called after the shared boards were rebuilt following an outage: watchers may have missed changes. */
	onResync: (() => void) | null = null;

	constructor(
		private readonly remote: LeaderboardStore,
		private readonly local: MemoryLeaderboardStore,
		private readonly fromLedger: () => Map<string, Map<string, { score: number; seq: number }>>,
		onReady: (listener: () => void) => void
	) {
		onReady(() => {
			if (!this.healthy) void this.resync();
		});
	}

	get usingRedis(): boolean {
		return this.healthy;
	}

	private fail(err: unknown): void {
		if (this.healthy) console.error('[boards] Redis unavailable, serving boards from this process', err instanceof Error ? err.message : err);
		this.healthy = false;
	}

	private resync(): Promise<void> {
		this.rebuilding ??= this.remote
			.replaceAll(this.fromLedger())
			.then(() => {
				const recovered = !this.healthy;
				if (recovered) console.info('[boards] Redis boards rebuilt from the ledger');
				this.healthy = true;
				if (recovered) this.onResync?.();
			})
			.catch((err) => this.fail(err))
			.finally(() => (this.rebuilding = null));
		return this.rebuilding;
	}

	private async read<T>(query: (store: LeaderboardStore) => Promise<T>): Promise<T> {
		if (this.healthy) {
			try {
				return await query(this.remote);
			} catch (err) {
				this.fail(err);
			}
		}
		return query(this.local);
	}

	async apply(changes: Parameters<LeaderboardStore['apply']>[0]): Promise<void> {
		await this.local.apply(changes);
		if (!this.healthy) return;
		try {
			await this.remote.apply(changes);
		} catch (err) {
			// Redis may or may not have taken it: only a rebuild makes it certain again.
			this.fail(err);
		}
	}

	top(key: string, limit: number, offset?: number) {
		return this.read((s) => s.top(key, limit, offset));
	}
	row(key: string, subjectId: string) {
		return this.read((s) => s.row(key, subjectId));
	}
	around(key: string, subjectId: string, radius: number) {
		return this.read((s) => s.around(key, subjectId, radius));
	}
	size(key: string) {
		return this.read((s) => s.size(key));
	}
	keys() {
		return this.read((s) => s.keys());
	}
	scores(key: string) {
		return this.read((s) => s.scores(key));
	}

	async replaceAll(boards: Map<string, Map<string, { score: number; seq: number }>>): Promise<void> {
		await this.local.replaceAll(boards);
		try {
			await this.remote.replaceAll(boards);
			this.healthy = true;
		} catch (err) {
			this.fail(err);
		}
	}

	async close(): Promise<void> {
		await this.local.close();
	}
}

/** Memory by default; Redis sorted sets shared by every process (with a local fallback) when REDIS_URL is set. */
export function createLeaderboardStore(config: Config, db: Db): { store: LeaderboardStore; close: () => Promise<void> } {
	const local = new MemoryLeaderboardStore();
	if (!config.redisUrl) return { store: local, close: () => local.close() };
	const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n) => Math.min(n * 250, 2000) });
	redis.on('error', () => {
		// The store notices failures on use and logs them once; ioredis keeps reconnecting.
	});
	const store = new ResilientLeaderboardStore(new RedisLeaderboardStore(redis, `${config.redisPrefix}:boards`), local, () => boardsFromLedger(db), (listener) =>
		redis.on('ready', listener)
	);
	return {
		store,
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

/** After a commit: moves the boards by exactly what the new ledger rows say. Returns the boards that moved. */
export async function applyToBoards(db: Db, store: LeaderboardStore, entries: LedgerEntry[]): Promise<string[]> {
	if (entries.length === 0) return [];
	const changes = boardChanges(entries, allPeriods(db));
	await store.apply(changes);
	return [...new Set(changes.map((c) => c.key))];
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
