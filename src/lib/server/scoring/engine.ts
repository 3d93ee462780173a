import { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { RedisLeaderboardStore } from './redis-store';
import { allPeriods, boardChanges, boardsFromLedger, ledgerSequence, type LedgerEntry } from './ledger';

/** How often a rebuild starts over because the ledger moved while it ran, before it settles for a later check. */
const REBUILD_ATTEMPTS = 5;
const RECHECK_AFTER_MS = 2000;

/**
 * Redis boards with a local copy: every change goes to both, reads come from Redis while it is healthy.
 * When Redis fails, this process keeps answering from its own copy (its approvals still count there), and
 * when Redis comes back the shared boards are rebuilt from the ledger before Redis is read again.
 *
 * Every reconnection rebuilds, not only one after a failed command: a Redis that restarted (or failed over)
 * while this process happened not to use it comes back empty or older than the ledger, and nothing else
 * would ever notice. A rebuild writes the ledger as it was read; an approval committed meanwhile (here,
 * where it went to the local copy only, or in another process, whose write the rebuild then replaced)
 * would be missing from the shared boards, so a rebuild runs again until the ledger held still during one.
 */
export class ResilientLeaderboardStore implements LeaderboardStore {
	private healthy = false;
	private rebuilding: Promise<void> | null = null;
	private recheck: ReturnType<typeof setTimeout> | null = null;
	/** Called after the shared boards were rebuilt following an outage: watchers may have missed changes. */
	onResync: (() => void) | null = null;

	constructor(
		private readonly remote: LeaderboardStore,
		private readonly local: MemoryLeaderboardStore,
		private readonly fromLedger: () => Map<string, Map<string, { score: number; seq: number }>>,
		onReady: (listener: () => void) => void,
		/** The ledger's sequence (highest point entry id): tells whether it moved during a rebuild. */
		private readonly ledgerSequence: () => number = () => 0
	) {
		onReady(() => {
			// Until rebuilt, Redis may hold nothing or an older state: read the local copy meanwhile.
			this.healthy = false;
			void this.resync();
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
		this.rebuilding ??= this.rebuild()
			.then((settled) => {
				const recovered = !this.healthy;
				if (recovered) console.info('[boards] Redis boards rebuilt from the ledger');
				this.healthy = true;
				if (!settled) this.scheduleRecheck();
				this.onResync?.();
			})
			.catch((err) => this.fail(err))
			.finally(() => (this.rebuilding = null));
		return this.rebuilding;
	}

	/** Rebuilds Redis (and the local copy) from the ledger; false when the ledger kept moving during every attempt. */
	private async rebuild(): Promise<boolean> {
		for (let attempt = 1; attempt <= REBUILD_ATTEMPTS; attempt++) {
			const sequence = this.ledgerSequence();
			const boards = this.fromLedger();
			await this.local.replaceAll(boards);
			await this.remote.replaceAll(boards);
			if (this.ledgerSequence() === sequence) return true;
		}
		console.warn(`[boards] the ledger kept moving during ${REBUILD_ATTEMPTS} rebuilds of the Redis boards: checking again shortly`);
		return false;
	}

	private scheduleRecheck(): void {
		if (this.recheck) return;
		this.recheck = setTimeout(() => {
			this.recheck = null;
			void this.resync();
		}, RECHECK_AFTER_MS);
		this.recheck.unref?.();
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
		if (this.recheck) clearTimeout(this.recheck);
		this.recheck = null;
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
	const store = new ResilientLeaderboardStore(
		new RedisLeaderboardStore(redis, `${config.redisPrefix}:boards`),
		local,
		() => boardsFromLedger(db),
		(listener) => redis.on('ready', listener),
		() => ledgerSequence(db)
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
