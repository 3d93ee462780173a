import type { Db } from '../db/client';
import type { LeaderboardStore } from './store';
import type { LedgerEntry } from './ledger';
import { allPeriods } from './periods';
import { boardKeysFor, isUnitSubject, scopesFor } from '../../domain/scoring/boards';
import { periodsOn } from '../../domain/scoring/periods';

/**
 * Boards are a projection of the ledger: which boards a ledger row moves, every board as the ledger says
 * it should be, and applying, rebuilding and verifying a store against it.
 */

export interface BoardChange {
	key: string;
	subjectId: string;
	delta: number;
	seq: number;
}

/**
 * What ledger rows change on the boards: every scope × period × (all areas, own area) they belong to.
 * The tie order key is the subject's id (published: equal points share a rank and are listed in the order
 * subjects were registered), so a board's state depends only on its totals and a revoke restores it exactly.
 */
export function boardChanges(entries: LedgerEntry[], periodList: Array<{ code: string; startsOn: string; endsOn: string; status: 'open' | 'closing' | 'closed' }>): BoardChange[] {
	const changes: BoardChange[] = [];
	for (const e of entries) {
		const codes = periodsOn(periodList, e.activityDate).map((p) => p.code);
		for (const key of boardKeysFor(e, isUnitSubject(e.subjectType), codes, e.contentArea)) {
			changes.push({ key, subjectId: String(e.subjectId), delta: e.points, seq: e.subjectId });
		}
	}
	return changes;
}

/**
 * Every board as the ledger says it should be: the source for rebuild and verify. SQLite first sums the
 * ledger per subject, place, area and day in one pass; only those totals are spread over periods and scopes.
 */
export function boardsFromLedger(db: Db): Map<string, Map<string, { score: number; seq: number }>> {
	const periodList = allPeriods(db);
	const periodsByDay = new Map<string, string[]>();
	const scopesByPath = new Map<string, number[]>();
	const boards = new Map<string, Map<string, { score: number; seq: number }>>();
	const add = (key: string, id: string, subjectId: number, points: number) => {
		let board = boards.get(key);
		if (!board) boards.set(key, (board = new Map()));
		const current = board.get(id);
		if (current) current.score += points;
		else board.set(id, { score: points, seq: subjectId });
	};
	const totals = db.$client.prepare(`select subject_type, subject_id, scope_path, content_area, activity_date, sum(points)
		 from point_entries group by 1, 2, 3, 4, 5`
	).raw();
	for (const [subjectType, subjectId, scopePath, area, day, points] of totals.iterate() as Iterable<[string, number, string, string | null, string, number]>) {
		if (points === 0) continue;
		let codes = periodsByDay.get(day);
		if (!codes) periodsByDay.set(day, (codes = periodsOn(periodList, day).map((p) => p.code)));
		if (codes.length === 0) continue;
		const unit = isUnitSubject(subjectType);
		const scopeKey = `${unit ? 'u' : 's'}${scopePath}`;
		let scopes = scopesByPath.get(scopeKey);
		if (!scopes) scopesByPath.set(scopeKey, (scopes = scopesFor({ subjectType, scopePath }, unit)));
		const id = String(subjectId);
		for (const scope of scopes) {
			for (const code of codes) {
				add(`${subjectType}|${scope}|${code}`, id, subjectId, points);
				if (area) add(`${subjectType}|${scope}|${code}|${area}`, id, subjectId, points);
			}
		}
	}
	for (const [key, board] of boards) {
		for (const [id, v] of board) if (v.score === 0) board.delete(id);
		if (board.size === 0) boards.delete(key);
	}
	return boards;
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
