import { and, asc, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { pointEntries } from '../db/schema';
import type { BoardChange, BoardEntry, Boards, LeaderboardStore } from './store';
import { ledgerSequence, type LedgerEntry } from './ledger';
import { allPeriods } from './periods';
import { followLedger, needsRebuild, type LedgerFeed } from './follow';
import { boardKeysFor, isUnitSubject } from '../../domain/scoring/boards';
import { periodsOn } from '../../domain/scoring/periods';

/**
 * Boards are a projection of the ledger: which boards a ledger row moves, every board as the ledger says
 * it should be, and following, rebuilding and verifying a store against it.
 */

export type { BoardChange } from './store';

/**
 * What ledger rows change on the boards: every scope × period × (all areas, own area) they belong to.
 * The tie order key is the subject's id (published: equal points share a rank and are listed in the order
 * subjects were registered), so a board's state depends only on its totals and a revoke restores it exactly.
 */
export function boardChanges(
	entries: LedgerEntry[],
	periodList: Array<{ campaignId: number; code: string; startsOn: string; endsOn: string; status: 'open' | 'closing' | 'closed' }>
): BoardChange[] {
	const changes: BoardChange[] = [];
	for (const e of entries) {
		const codes = periodsOn(
			periodList.filter((p) => p.campaignId === e.campaignId),
			e.activityDate
		).map((p) => p.code);
		for (const key of boardKeysFor(e.campaignId, e, isUnitSubject(e.subjectType), codes, e.contentArea)) {
			changes.push({ key, subjectId: String(e.subjectId), delta: e.points, seq: e.subjectId });
		}
	}
	return changes;
}

/**
 * The periods whose boards the store holds: every one not closed. A closed period's standings were frozen at its
 * close and its boards move only by late adjustments, so they are read from the ledger when someone asks
 * (closed-boards.ts) instead of held by every process for years: on a realistic ledger of the province's size,
 * the closed years were three quarters of the boards' rows.
 */
export function storedPeriods(db: Db) {
	return allPeriods(db).filter((p) => p.status !== 'closed');
}

/**
 * Every board of these periods (by default the stored ones) as the ledger says it should be: the source for
 * rebuild and verify. SQLite first sums the ledger per subject, place, area and day in one pass; only those totals
 * are spread over periods and scopes.
 */
export function boardsFromLedger(db: Db, periodList = storedPeriods(db)): Boards {
	const boards: Boards = new Map();
	const boardOf = (key: string) => {
		let board = boards.get(key);
		if (!board) boards.set(key, (board = new Map()));
		return board;
	};
	// Days with the same periods share one list of the periods' codes; totals with the same campaign, subject type,
	// place, periods and area land on the same boards, found once. At a realistic 1,000,000-row ledger this is
	// several million totals, each on up to twenty boards: looking up every board by its key for each of them was
	// three quarters of the rebuild.
	const codeLists = new Map<string, { id: number; codes: string[] }>();
	const codesByDay = new Map<string, { id: number; codes: string[] }>();
	const targets = new Map<string, Array<Map<string, BoardEntry>>>();
	// One string per subject, shared by all its boards' entries: a subject sits on up to twenty boards.
	const idStrings = new Map<number, string>();
	if (periodList.length === 0) return boards;
	const firstDay = periodList.reduce((first, p) => (p.startsOn < first ? p.startsOn : first), periodList[0]!.startsOn);
	const totals = db.$client
		.prepare(
			// In the order of point_entries_subject_idx, which covers it: the groups stream from the index, unsorted.
			`select campaign_id, subject_type, subject_id, scope_path, content_area, activity_date, sum(points)
		 from point_entries where activity_date >= ? group by subject_type, subject_id, campaign_id, activity_date, scope_path, content_area`
		)
		.raw();
	for (const [campaignId, subjectType, subjectId, scopePath, area, day, points] of totals.iterate(firstDay) as Iterable<
		[number, string, number, string, string | null, string, number]
	>) {
		if (points === 0) continue;
		const campaignDay = `${campaignId}|${day}`;
		let periods = codesByDay.get(campaignDay);
		if (!periods) {
			const codes = periodsOn(
				periodList.filter((p) => p.campaignId === campaignId),
				day
			).map((p) => p.code);
			const listKey = `${campaignId}|${codes.join(',')}`;
			let list = codeLists.get(listKey);
			if (!list) codeLists.set(listKey, (list = { id: codeLists.size, codes }));
			codesByDay.set(campaignDay, (periods = list));
		}
		if (periods.codes.length === 0) continue;
		const targetKey = `${campaignId}|${subjectType}|${scopePath}|${periods.id}|${area ?? ''}`;
		let boardsOfTotal = targets.get(targetKey);
		if (!boardsOfTotal) {
			boardsOfTotal = boardKeysFor(campaignId, { subjectType, scopePath }, isUnitSubject(subjectType), periods.codes, area).map(boardOf);
			targets.set(targetKey, boardsOfTotal);
		}
		let id = idStrings.get(subjectId);
		if (id === undefined) idStrings.set(subjectId, (id = String(subjectId)));
		for (const board of boardsOfTotal) {
			const current = board.get(id);
			if (current) current.score += points;
			else board.set(id, { subjectId: id, score: points, seq: subjectId });
		}
	}
	for (const [key, board] of boards) {
		for (const [id, v] of board) if (v.score === 0) board.delete(id);
		if (board.size === 0) boards.delete(key);
	}
	return boards;
}

/** The board changes, on these periods' boards, of the ledger rows with from < id ≤ to, in id order. */
const ledgerRowsBetween = (db: Db) =>
	db
		.select()
		.from(pointEntries)
		.where(and(gt(pointEntries.id, sql.placeholder('from')), lte(pointEntries.id, sql.placeholder('to'))))
		.orderBy(asc(pointEntries.id))
		.prepare();

export function changesBetween(db: Db, from: number, to: number, periodList: Parameters<typeof boardChanges>[1]): BoardChange[] {
	return boardChanges(prepared(db, ledgerRowsBetween).all({ from, to }), periodList);
}

/** The ledger as the boards read it, on this database (the stored periods read when asked, unless given). */
export function ledgerFeed(db: Db, periodList?: ReturnType<typeof storedPeriods>): LedgerFeed {
	return {
		sequence: () => ledgerSequence(db),
		changes: (from, to) => changesBetween(db, from, to, periodList ?? storedPeriods(db)),
		// One read transaction: the boards and the sequence they are stamped with come from the same state.
		snapshot: () => db.$client.transaction(() => ({ sequence: ledgerSequence(db), boards: boardsFromLedger(db) }))()
	};
}

/** Boards are projections: throw them away and recompute from the ledger. */
export async function rebuildBoards(db: Db, store: LeaderboardStore): Promise<{ boards: number; rows: number; sequence: number }> {
	const { sequence, boards } = ledgerFeed(db).snapshot();
	let rows = 0;
	for (const board of boards.values()) rows += board.size;
	const count = boards.size;
	await store.replaceAll(boards, sequence);
	return { boards: count, rows, sequence };
}

export interface Synced {
	/** Boards this call moved. */
	keys: string[];
	/** The boards were rebuilt (they held no sequence or were far behind): any board may have moved. */
	rebuilt: boolean;
}

/**
 * Per store in this process: where it stood after the last call, the periods it held then, and the calls queued
 * behind each other.
 */
const following = new WeakMap<LeaderboardStore, { hint: number | null; periods: string | null; queue: Promise<unknown> }>();

/**
 * Which periods the store holds and their dates, as one string: when it changes (a period closed, reopened, added
 * or moved) the boards are rebuilt.
 */
function periodsSignature(periodList: ReturnType<typeof storedPeriods>): string {
	return periodList.map((p) => `${p.id}:${p.startsOn}:${p.endsOn}`).join(',');
}

/**
 * Brings the boards up to the ledger: applies every row they lack (this request's, and any another
 * process committed but did not live to apply), or rebuilds them when they hold no sequence, are far
 * behind, or the periods they hold changed (a reopened or added period's boards are missing, a closed one's are
 * no longer read) — or when `rebuild` asks. Calls in one process run one after another, so a burst of approvals mostly
 * finds the work done by the call before; between processes the stores' sequence check keeps each row from
 * applying twice.
 *
 * `ask`: read where the store stands instead of trusting this process's last look (the periodic check:
 * a rebuild by another process or a command may have moved it back).
 */
export function syncBoards(db: Db, store: LeaderboardStore, options: { ask?: boolean; rebuild?: boolean } = {}): Promise<Synced> {
	let state = following.get(store);
	if (!state) following.set(store, (state = { hint: null, periods: null, queue: Promise.resolve() }));
	const follower = state;
	const run = follower.queue.then(async (): Promise<Synced> => {
		const hint = options.ask ? null : follower.hint;
		// Unknown until this call finishes: after a failure the next one asks the store.
		follower.hint = null;
		const periodList = storedPeriods(db);
		const periods = periodsSignature(periodList);
		const periodsChanged = follower.periods !== null && follower.periods !== periods;
		const followed = options.rebuild || periodsChanged ? null : await followLedger(ledgerFeed(db, periodList), store, hint);
		if (!followed || needsRebuild(followed)) {
			follower.hint = (await rebuildBoards(db, store)).sequence;
			follower.periods = periods;
			return { keys: followed?.keys ?? [], rebuilt: true };
		}
		follower.hint = followed.at;
		follower.periods ??= periods;
		return { keys: followed.keys, rebuilt: false };
	});
	follower.queue = run.catch(() => undefined);
	return run;
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
