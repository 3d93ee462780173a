import { and, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pointEntries } from '../db/schema';
import type { BoardEntry, BoardRow, Boards, LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { ledgerSequence } from './ledger';
import { periodByCode } from './periods';
import { changesBetween } from './projection';
import { ledgerRowsOf } from './boards';
import { parseBoardKey, type BoardSpec } from '../../domain/scoring/boards';

/**
 * Rows of closed periods' boards kept at most: the province's member board of a closed year is about 31,000 rows
 * (`bench/rebuild.ts`), and a member's own page reads one per closed period.
 */
const KEPT_ROWS = 250_000;
/** Beyond this many ledger rows since a board was read, reading it again is cheaper than going through them. */
const CATCH_UP_ROWS = 5_000;

type Period = NonNullable<ReturnType<typeof periodByCode>>;

interface Kept {
	board: MemoryLeaderboardStore;
	/** The ledger sequence the board reflects. */
	at: number;
	rows: number;
}

/**
 * The boards of closed periods, read from the ledger when someone asks and kept (the most recently read first,
 * up to KEPT_ROWS rows) beside the ledger sequence they reflect: a board read again is first brought up to the
 * ledger by the rows written since — late work approved into a closed period still moves it, as it moved the
 * store when the period was open.
 */
export class ClosedPeriodBoards {
	/**
	 * Each board as its latest read will leave it, oldest first. Readers of one board chain on the same promise: a page
	 * asks a board's top and size at once, and the second must not read the whole board again while the first is
	 * still bringing it up to date.
	 */
	private kept = new Map<string, { ready: Promise<Kept>; rows: number }>();
	private rows = 0;

	constructor(
		private readonly db: Db,
		private readonly keptRows = KEPT_ROWS
	) {}

	/** The board as the ledger says now, or null when its period is not closed (the store holds it). */
	async boardOf(key: string): Promise<LeaderboardStore | null> {
		const spec = parseBoardKey(key);
		const period = spec ? periodByCode(this.db, spec.campaignId, spec.periodCode) : undefined;
		if (!spec || period?.status !== 'closed') return null;
		const now = ledgerSequence(this.db);
		const previous = this.kept.get(key);
		const freshFrom = (kept: Kept) =>
			kept.at <= now && now - kept.at <= CATCH_UP_ROWS ? this.caughtUp(key, kept, period, now) : this.read(key, spec, now);
		const ready = previous ? previous.ready.then(freshFrom, () => this.read(key, spec, now)) : this.read(key, spec, now);
		// The most recently read last: the oldest go first when too many rows are kept.
		this.kept.delete(key);
		const slot = { ready, rows: previous?.rows ?? 0 };
		this.kept.set(key, slot);
		let fresh: Kept;
		try {
			fresh = await ready;
		} catch (err) {
			if (this.kept.get(key) === slot) {
				this.kept.delete(key);
				this.rows -= slot.rows;
			}
			throw err;
		}
		if (this.kept.get(key) === slot) {
			this.rows += fresh.rows - slot.rows;
			slot.rows = fresh.rows;
		}
		for (const [oldest, board] of this.kept) {
			if (this.rows <= this.keptRows || oldest === key) break;
			this.kept.delete(oldest);
			this.rows -= board.rows;
		}
		return fresh.board;
	}

	clear(): void {
		this.kept.clear();
		this.rows = 0;
	}

	private async read(key: string, spec: BoardSpec, at: number): Promise<Kept> {
		const rows = ledgerRowsOf(this.db, spec);
		const totals = new Map<string, BoardEntry>();
		if (rows) {
			for (const { subjectId, score } of this.db
				.select({ subjectId: pointEntries.subjectId, score: sql<number>`sum(${pointEntries.points})` })
				.from(pointEntries)
				.where(and(rows, lte(pointEntries.id, at)))
				.groupBy(pointEntries.subjectId)
				.all()) {
				const id = String(subjectId);
				totals.set(id, { subjectId: id, score, seq: subjectId });
			}
		}
		const board = new MemoryLeaderboardStore();
		const boards: Boards = new Map([[key, totals]]);
		await board.replaceAll(boards, at);
		return { board, at, rows: await board.size(key) };
	}

	private async caughtUp(key: string, kept: Kept, period: Period, now: number): Promise<Kept> {
		if (kept.at === now) return kept;
		const changes = changesBetween(this.db, kept.at, now, [period]).filter((change) => change.key === key);
		await kept.board.advance(kept.at, now, changes);
		return { board: kept.board, at: now, rows: await kept.board.size(key) };
	}
}

/**
 * The boards as every reader sees them: open periods' from the store, closed periods' from the ledger
 * (ClosedPeriodBoards). Writes, the sequence and the keys are the store's: it holds the open periods only.
 */
export function withClosedPeriods(db: Db, store: LeaderboardStore): LeaderboardStore {
	const closed = new ClosedPeriodBoards(db);
	const reader = async (key: string) => (await closed.boardOf(key)) ?? store;
	return {
		apply: (changes) => store.apply(changes),
		sequence: () => store.sequence(),
		advance: (from, to, changes) => store.advance(from, to, changes),
		top: async (key, limit, offset): Promise<BoardRow[]> => (await reader(key)).top(key, limit, offset),
		row: async (key, subjectId) => (await reader(key)).row(key, subjectId),
		around: async (key, subjectId, radius) => (await reader(key)).around(key, subjectId, radius),
		size: async (key) => (await reader(key)).size(key),
		keys: () => store.keys(),
		scores: async (key) => (await reader(key)).scores(key),
		replaceAll: (boards, sequence, options) => store.replaceAll(boards, sequence, options),
		close: async () => {
			closed.clear();
			await store.close();
		}
	};
}
