/**
 * Where leaderboards live between ledger writes: a projection of point_entries, rebuilt from the ledger at
 * start and on demand. Two implementations pass the same test suite: in memory (default) and Redis sorted sets.
 *
 * A board is a key (see boardKey in domain/scoring/boards.ts); its members are subject ids with integer scores.
 * `seq` is the tie order key: among equal scores, lower seq is listed first. The engine passes the subject's
 * id (registration order, the published tie order), so a board depends only on its totals.
 */
export interface BoardRow {
	subjectId: string;
	score: number;
	/** Competition rank: ties share it (1, 2, 2, 4). */
	rank: number;
	seq: number;
}

export interface LeaderboardStore {
	/** Applies score changes in order; each carries the subject's tie order key. */
	apply(changes: Array<{ key: string; subjectId: string; delta: number; seq: number }>): Promise<void>;
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
	/** Replaces everything with the given boards (rebuild). */
	replaceAll(boards: Map<string, Map<string, { score: number; seq: number }>>): Promise<void>;
	close(): Promise<void>;
}
