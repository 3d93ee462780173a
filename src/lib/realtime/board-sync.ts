import type { BoardDelta, BoardSnapshot, LiveRow } from './contract';

/** How many rows a live board carries: the page shows these; anything lower is fetched around the viewer. */
export const LIVE_ROWS = 50;

/** FNV-1a over the ordered ids, scores and ranks: equal digests mean the same visible board. */
export function boardDigest(rows: LiveRow[], size: number): string {
	let hash = 0x811c9dc5;
	const text = `${size}|${rows.map((r) => `${r.id}:${r.score}:${r.rank}`).join(';')}`;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/** Rows that are new or changed score/rank/name in `next`, and ids that left it. */
export function diffRows(previous: LiveRow[] | null, next: LiveRow[]): { rows: LiveRow[]; removed: number[] } {
	if (!previous) return { rows: next, removed: [] };
	const before = new Map(previous.map((r) => [r.id, r]));
	const rows = next.filter((r) => {
		const old = before.get(r.id);
		return !old || old.score !== r.score || old.rank !== r.rank || old.name !== r.name;
	});
	const kept = new Set(next.map((r) => r.id));
	return { rows, removed: previous.filter((r) => !kept.has(r.id)).map((r) => r.id) };
}

/** List order: rank, then the published tie order (registration order = id). */
function inListOrder(rows: LiveRow[]): LiveRow[] {
	return [...rows].sort((a, b) => a.rank - b.rank || a.id - b.id);
}

export type DeltaOutcome =
	| { kind: 'applied'; board: BoardSnapshot }
	| { kind: 'ignored' }
	/** The delta does not follow what the client holds, or applying it did not reproduce the server's board. */
	| { kind: 'resync' };

/**
 * Applies a delta to the board a client holds. Pushes are at-most-once and several servers may send deltas
 * computed from different bases, so anything that does not line up asks for a snapshot instead of guessing.
 *
 * A board fetched over HTTP is read at the ledger's current sequence, which while approvals keep coming
 * lies between two ticks: the next delta's base is older than the board. Its rows are every row that moved
 * since that base, so it also brings such a board up to date; the digest decides whether it did. (Requiring
 * base === version made every page opened during activity fetch a snapshot on every tick instead.)
 * A delta whose base is newer than the board means pushes were missed: that always asks for a snapshot.
 */
export function applyDelta(board: BoardSnapshot, delta: BoardDelta): DeltaOutcome {
	if (delta.key !== board.key || delta.version < board.version) return { kind: 'ignored' };
	if (delta.version === board.version && delta.digest === board.digest) return { kind: 'ignored' };
	if (delta.base > board.version) return { kind: 'resync' };
	const byId = new Map(board.rows.map((r) => [r.id, r]));
	for (const id of delta.removed) byId.delete(id);
	for (const row of delta.rows) byId.set(row.id, row);
	const rows = inListOrder([...byId.values()]).slice(0, LIVE_ROWS);
	const digest = boardDigest(rows, delta.size);
	if (digest !== delta.digest) return { kind: 'resync' };
	return { kind: 'applied', board: { key: board.key, version: delta.version, size: delta.size, rows, digest } };
}
