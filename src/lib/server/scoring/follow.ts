import type { BoardChange, Boards, LeaderboardStore } from './store';

/**
 * Boards follow the ledger by its sequence. Point entry ids are handed out by SQLite's single writer in
 * commit order, so the rows a reader sees are always every row up to the highest id it sees: a store at
 * sequence S needs exactly the rows S+1..max, whoever committed them and whether or not that process lived
 * long enough to apply them itself.
 */
export interface LedgerFeed {
	/** The highest point entry id. */
	sequence(): number;
	/** The board changes of the point entries with from < id ≤ to, in id order. */
	changes(from: number, to: number): BoardChange[];
	/** Every board as the ledger says, and the sequence it says it at (read in one transaction). */
	snapshot(): { sequence: number; boards: Boards };
}

/** Ledger rows per advance: one Redis script of a few thousand changes. */
export const FOLLOW_CHUNK = 500;
/** Beyond this many rows behind, one rebuild is cheaper than catching up (and cannot fall further behind). */
export const REBUILD_BEYOND = 20_000;
/** Advances refused because another caller moved the store first, before giving up until the next call. */
const MAX_ROUNDS = 50;

export interface Followed {
	/** Boards this call moved (rows applied by someone else are theirs to announce). */
	keys: string[];
	/** Where the store stands now; null when it holds no sequence and must be rebuilt. */
	at: number | null;
	/** The ledger sequence this call caught up to. */
	target: number;
}

/**
 * Brings `store` up to the ledger by applying the rows it lacks, a chunk at a time, each chunk conditional
 * on the store still standing where this call believes it does (`from`, or asked when null). A refused
 * chunk means another caller got there first: carry on from where the store says it now is.
 */
export async function followLedger(feed: LedgerFeed, store: LeaderboardStore, from: number | null): Promise<Followed> {
	const target = feed.sequence();
	let at = from ?? (await store.sequence());
	const keys = new Set<string>();
	for (let round = 0; at !== null && at < target && target - at <= REBUILD_BEYOND && round < MAX_ROUNDS; round++) {
		const to = Math.min(target, at + FOLLOW_CHUNK);
		const changes = feed.changes(at, to);
		const now = await store.advance(at, to, changes);
		if (now === to) for (const change of changes) keys.add(change.key);
		at = now;
	}
	return { keys: [...keys], at, target };
}

/** Whether the store cannot be caught up row by row: no sequence, or too far behind. */
export function needsRebuild(followed: Followed): boolean {
	return followed.at === null || followed.target - followed.at > REBUILD_BEYOND;
}
