import type { BoardCatchUp, BoardDelta, BoardSnapshot, DeltaRow, LiveRow, WireDelta } from './contract';

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

/**
 * What a client holding `previous` needs to reach `next`: each row that entered (whole), each row whose score changed
 * (id and score; its name too if that changed), and the ids that left. A row that only moved is not sent: its rank
 * follows from the scores.
 */
export function diffRows(previous: LiveRow[] | null, next: LiveRow[]): { rows: DeltaRow[]; removed: number[] } {
	const whole = (r: LiveRow): DeltaRow => [r.id, r.score, r.name, r.detail];
	if (!previous) return { rows: next.map(whole), removed: [] };
	const before = new Map(previous.map((r) => [r.id, r]));
	const rows: DeltaRow[] = [];
	for (const r of next) {
		const old = before.get(r.id);
		if (!old || old.name !== r.name || old.detail !== r.detail) rows.push(whole(r));
		else if (old.score !== r.score) rows.push([r.id, r.score]);
	}
	const kept = new Set(next.map((r) => r.id));
	return { rows, removed: previous.filter((r) => !kept.has(r.id)).map((r) => r.id) };
}

/** The delta that takes a client holding `from` to `to`; `changedAt` is when the earliest change in it was made. */
export function deltaBetween(from: BoardSnapshot | null, to: BoardSnapshot, changedAt: number, sentAt = Date.now()): BoardDelta {
	const { rows, removed } = diffRows(from?.rows ?? null, to.rows);
	return {
		key: to.key,
		base: from?.version ?? -1,
		version: to.version,
		size: to.size,
		rows,
		removed,
		digest: to.digest,
		changedAt,
		sentAt
	};
}

/** The delta as it is sent (see WireDelta). */
export function encodeDelta(delta: BoardDelta): WireDelta {
	const scores: number[] = [];
	const entered: WireDelta[5] = [];
	for (const row of delta.rows) {
		if (row.length === 2) scores.push(row[0], row[1]);
		else entered.push(row);
	}
	const { key, base, version, size, removed, digest, changedAt, sentAt } = delta;
	return [key, base, version, size, scores, entered, removed, digest, changedAt, sentAt - changedAt];
}

/** The delta a client received (rows whose score changed first, then those that entered: their order does not matter). */
export function decodeDelta(wire: WireDelta): BoardDelta {
	const [key, base, version, size, scores, entered, removed, digest, changedAt, sentAfter] = wire;
	const rows: DeltaRow[] = [];
	for (let i = 0; i < scores.length; i += 2) rows.push([scores[i]!, scores[i + 1]!]);
	rows.push(...entered);
	return { key, base, version, size, rows, removed, digest, changedAt, sentAt: changedAt + sentAfter };
}

/** List order and ranks: score, then the published tie order (registration order = id); ties share a rank. */
function ranked(rows: Array<Omit<LiveRow, 'rank'>>): LiveRow[] {
	const sorted = [...rows].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, LIVE_ROWS);
	let rank = 0;
	return sorted.map((r, i) => {
		if (i === 0 || r.score !== sorted[i - 1]!.score) rank = i + 1;
		return { ...r, rank };
	});
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
	const byId = new Map<number, Omit<LiveRow, 'rank'>>(board.rows.map((r) => [r.id, r]));
	for (const id of delta.removed) byId.delete(id);
	for (const [id, score, name, detail] of delta.rows) {
		const held = byId.get(id);
		if (name !== undefined) byId.set(id, { id, score, name, detail: detail ?? null });
		else if (held) byId.set(id, { ...held, score });
		// A score for a row this client never had, without its name: the delta was made for another board.
		else return { kind: 'resync' };
	}
	const rows = ranked([...byId.values()]);
	const digest = boardDigest(rows, delta.size);
	if (digest !== delta.digest) return { kind: 'resync' };
	return { kind: 'applied', board: { key: board.key, version: delta.version, size: delta.size, rows, digest } };
}

/**
 * Takes a snapshot (HTTP, or a join's answer) in place of the board held when it is newer. A delta applied while
 * it was in flight, or a snapshot read by a server that is behind, may be newer: the board only moves forward.
 */
export function adoptSnapshot(board: BoardSnapshot, snapshot: BoardSnapshot): DeltaOutcome {
	if (snapshot.key !== board.key) return { kind: 'ignored' };
	const newer = snapshot.version > board.version || (snapshot.version === board.version && snapshot.digest !== board.digest);
	return newer ? { kind: 'applied', board: snapshot } : { kind: 'ignored' };
}

/** What a (re)join's answer does to the board held. */
export function applyCatchUp(board: BoardSnapshot, catchUp: BoardCatchUp | undefined): DeltaOutcome {
	if (!catchUp) return { kind: 'ignored' };
	return catchUp.kind === 'delta' ? applyDelta(board, catchUp.delta) : adoptSnapshot(board, catchUp.board);
}
