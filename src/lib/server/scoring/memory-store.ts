import { BoardsMovedOn, type BoardChange, type BoardEntry as Entry, type BoardRow, type Boards, type LeaderboardStore } from './store';

interface Board {
	entries: Map<string, Entry>;
	/** List order, or null after a write: sorting on every write would make a burst of awards O(n log n) each. */
	sorted: Entry[] | null;
	/** ranks[i] is the competition rank of sorted[i]; rebuilt together with `sorted`. */
	ranks: number[];
}

/** Score desc, then seq asc (reached the score first), then subjectId so the order is total and stable. */
function compareEntries(a: Entry, b: Entry): number {
	if (a.score !== b.score) return b.score - a.score;
	if (a.seq !== b.seq) return a.seq - b.seq;
	return a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0;
}

function assertInteger(value: number, what: string): void {
	if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be a safe integer, got ${value}`);
}

/**
 * Leaderboards in process memory: the default store, rebuilt from the ledger at start.
 *
 * Boards list only subjects with points. A change that brings a subject to exactly 0 removes its row, and a
 * delta of 0 never adds one: revoking an award (a reversing delta) then restores the board, its size and
 * `keys()` to exactly their state before the award, instead of leaving a 0-point row that was never there.
 * A board whose last subject leaves is dropped, for the same reason.
 */
export class MemoryLeaderboardStore implements LeaderboardStore {
	private boards = new Map<string, Board>();

	/** The ledger sequence these boards reflect; null until the first rebuild. */
	private at: number | null = null;

	async apply(changes: BoardChange[]): Promise<void> {
		this.applyNow(changes);
	}

	async sequence(): Promise<number | null> {
		return this.at;
	}

	async advance(from: number, to: number, changes: BoardChange[]): Promise<number | null> {
		assertInteger(from, 'from');
		assertInteger(to, 'to');
		if (to < from) throw new RangeError(`advance from ${from} to ${to}`);
		// Check and apply in one synchronous step: nothing else runs in between.
		if (this.at === null || this.at !== from) return this.at;
		this.applyNow(changes);
		this.at = to;
		return to;
	}

	private applyNow(changes: BoardChange[]): void {
		// Validate first so a bad change rejects the whole call, as the Redis store's single script does.
		for (const change of changes) {
			assertInteger(change.delta, 'delta');
			assertInteger(change.seq, 'seq');
		}
		for (const { key, subjectId, delta, seq } of changes) {
			let board = this.boards.get(key);
			const entry = board?.entries.get(subjectId);
			const score = (entry?.score ?? 0) + delta;
			if (score === 0) {
				if (!board || !entry) continue;
				board.entries.delete(subjectId);
				board.sorted = null;
				if (board.entries.size === 0) this.boards.delete(key);
				continue;
			}
			if (!board) {
				board = { entries: new Map(), sorted: null, ranks: [] };
				this.boards.set(key, board);
			}
			if (entry) {
				entry.score = score;
				entry.seq = seq;
			} else {
				board.entries.set(subjectId, { subjectId, score, seq });
			}
			board.sorted = null;
		}
	}

	async top(key: string, limit: number, offset = 0): Promise<BoardRow[]> {
		const board = this.boards.get(key);
		if (!board || !(limit > 0)) return [];
		const sorted = this.sortedOf(board);
		const start = Math.max(0, Math.floor(offset));
		const end = Number.isFinite(limit) ? start + Math.floor(limit) : sorted.length;
		return this.rows(board, start, end);
	}

	async row(key: string, subjectId: string): Promise<BoardRow | null> {
		const board = this.boards.get(key);
		const position = board ? this.positionOf(board, subjectId) : -1;
		if (!board || position < 0) return null;
		return this.rows(board, position, position + 1)[0] ?? null;
	}

	async around(key: string, subjectId: string, radius: number): Promise<BoardRow[]> {
		const board = this.boards.get(key);
		const position = board ? this.positionOf(board, subjectId) : -1;
		if (!board || position < 0) return [];
		const r = Math.max(0, Math.floor(radius));
		return this.rows(board, Math.max(0, position - r), position + r + 1);
	}

	async size(key: string): Promise<number> {
		return this.boards.get(key)?.entries.size ?? 0;
	}

	async keys(): Promise<string[]> {
		return [...this.boards.keys()].sort();
	}

	async scores(key: string): Promise<Map<string, number>> {
		const result = new Map<string, number>();
		for (const [subjectId, entry] of this.boards.get(key)?.entries ?? []) result.set(subjectId, entry.score);
		return result;
	}

	/** Keeps the maps and entries it is given (see Boards): the rebuild at start holds the province's boards once, not twice. */
	async replaceAll(boards: Boards, sequence: number, options: { unlessNewer?: boolean } = {}): Promise<void> {
		assertInteger(sequence, 'sequence');
		if (options.unlessNewer && this.at !== null && this.at > sequence) throw new BoardsMovedOn(this.at);
		// Validated first, so a bad board leaves the previous boards untouched.
		for (const subjects of boards.values()) {
			for (const [subjectId, entry] of subjects) {
				assertInteger(entry.score, 'score');
				assertInteger(entry.seq, 'seq');
				if (entry.subjectId !== subjectId) throw new TypeError(`entry of ${entry.subjectId} filed under ${subjectId}`);
			}
		}
		const next = new Map<string, Board>();
		for (const [key, entries] of boards) {
			// Same rule as apply: a 0-point subject (awarded, then revoked) has no row.
			for (const [subjectId, entry] of entries) if (entry.score === 0) entries.delete(subjectId);
			if (entries.size > 0) next.set(key, { entries, sorted: null, ranks: [] });
		}
		this.boards = next;
		this.at = sequence;
	}

	async close(): Promise<void> {
		this.boards.clear();
		this.at = null;
	}

	private sortedOf(board: Board): Entry[] {
		if (board.sorted) return board.sorted;
		const sorted = [...board.entries.values()].sort(compareEntries);
		const ranks = new Array<number>(sorted.length);
		for (let i = 0; i < sorted.length; i++) {
			const previous = sorted[i - 1];
			ranks[i] = previous && previous.score === sorted[i]!.score ? ranks[i - 1]! : i + 1;
		}
		board.sorted = sorted;
		board.ranks = ranks;
		return sorted;
	}

	/** List position by binary search: the order is total, so the subject's own entry pins a unique index. */
	private positionOf(board: Board, subjectId: string): number {
		const entry = board.entries.get(subjectId);
		if (!entry) return -1;
		const sorted = this.sortedOf(board);
		let low = 0;
		let high = sorted.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const order = compareEntries(sorted[middle]!, entry);
			if (order === 0) return middle;
			if (order < 0) low = middle + 1;
			else high = middle - 1;
		}
		return -1;
	}

	private rows(board: Board, start: number, end: number): BoardRow[] {
		const sorted = this.sortedOf(board);
		const result: BoardRow[] = [];
		for (let i = start; i < Math.min(end, sorted.length); i++) {
			const { subjectId, score, seq } = sorted[i]!;
			result.push({ subjectId, score, rank: board.ranks[i]!, seq });
		}
		return result;
	}
}
