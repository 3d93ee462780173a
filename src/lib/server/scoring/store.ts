/**
 * Where leaderboards live between ledger writes: a projection of point_entries, rebuilt from the ledger at
 * start and on demand. Two implementations pass the same test suite: in memory (default) and Redis sorted sets.
 *
 * Each store keeps the ledger sequence it reflects beside the boards, changed only together with them:
 * whoever sees it lag the ledger applies the missing rows (see follow.ts), so a process that dies between
 * its commit and its board update leaves nothing behind for long.
 *
 * A board is a key (see boardKey in domain/scoring/boards.ts); its members are subject ids with integer scores.
 * `seq` is the tie order key: among equal scores, lower seq is listed first. The engine passes the subject's
 * id (registration order, the published tie order), so a board depends only on its totals.
 */

/** One board moved by one ledger row: `seq` is the subject's tie order key, not the ledger sequence. */
export interface BoardChange {
	key: string;
	subjectId: string;
	delta: number;
	seq: number;
}

/** One subject's score on one board and its tie order key. */
export interface BoardEntry {
	subjectId: string;
	score: number;
	seq: number;
}

/**
 * Every board with every subject's entry, keyed by subject id (what rebuilds write and verify compares). A store may
 * keep the maps it is given rather than copy them (the memory store does: at the province's size a copy doubled the
 * memory the rebuild at start needs), so whoever hands boards to `replaceAll` does not use them afterwards.
 */
export type Boards = Map<string, Map<string, BoardEntry>>;

export interface BoardRow {
	subjectId: string;
	score: number;
	/** Competition rank: ties share it (1, 2, 2, 4). */
	rank: number;
	seq: number;
}

export interface LeaderboardStore {
	/**
	 * Applies score changes in order, whatever the boards' ledger sequence (tests and tools: the app moves
	 * boards only with `advance`, so that no ledger row is applied twice or skipped).
	 */
	apply(changes: BoardChange[]): Promise<void>;
	/**
	 * The ledger sequence (highest point entry id) the boards reflect: every ledger row up to it is on them,
	 * none after it. Null when unknown (never built, or a Redis that restarted empty): they must be rebuilt.
	 */
	sequence(): Promise<number | null>;
	/**
	 * Moves the boards from ledger sequence `from` to `to` by `changes` (those of the rows from+1..to), only if
	 * they stand at `from`, atomically with the new sequence: applying the same rows twice, from two callers
	 * or two processes, is impossible. Returns the sequence the boards stand at afterwards (`to` when these
	 * changes were applied; otherwise whatever they stood at, or null when unknown).
	 */
	advance(from: number, to: number, changes: BoardChange[]): Promise<number | null>;
	/** Top rows by score desc, ties by seq asc then subjectId asc. */
	top(key: string, limit: number, offset?: number): Promise<BoardRow[]>;
	/** The subject's row, or null when it has no score on this board. */
	row(key: string, subjectId: string): Promise<BoardRow | null>;
	/** The subject and up to `radius` rows above and below it in list order. */
	around(key: string, subjectId: string, radius: number): Promise<BoardRow[]>;
	size(key: string): Promise<number>;
	/** Every key the store holds (for verify). */
	keys(): Promise<string[]>;
	/** All scores of a board, unordered (for verify). */
	scores(key: string): Promise<Map<string, number>>;
	/**
	 * Replaces everything with the given boards, as the ledger stood at `sequence` (rebuild). `unlessNewer`: unless the
	 * store already stands past `sequence` (another process brought it back meanwhile and rows followed): then it
	 * changes nothing and throws BoardsMovedOn, rather than taking the boards back to an older state.
	 */
	replaceAll(boards: Boards, sequence: number, options?: { unlessNewer?: boolean }): Promise<void>;
	close(): Promise<void>;
}

/** A rebuild `unlessNewer` found the store already past it: nothing was replaced. */
export class BoardsMovedOn extends Error {
	constructor(readonly at: number) {
		super(`the boards already stand at ${at}`);
	}
}
