import { and, asc, desc, eq, gt, inArray, like, lt, lte, max, sql } from 'drizzle-orm';
import { contributors, initiatives, people, pointEntries, ruleSets, teams, units } from '../db/schema';
import type { Db } from '../db/client';
import { inJsonList, prepared } from '../db/prepared';
import type { LeaderboardStore } from './store';
import { boardKey, competitionRanks, perCapita, type BoardSpec, isUnitSubject } from '../../domain/scoring/boards';
import { memberCounts } from '../units/queries';
import { periodByCode } from './periods';
import { isoDay } from '../../format';
import { CONTRIBUTOR_SUBJECT } from '../../domain/contributors';
import { campaignContributorKinds } from '../contributors/service';
import { t } from '../../i18n';

export interface NamedRow {
	subjectId: number;
	name: string;
	detail: string | null;
	score: number;
	rank: number;
	/** Places gained since yesterday (negative: lost), null when it was not on the board yesterday. */
	moved: number | null;
}

const memberNames = (db: Db) => db.select({ id: people.id, name: people.displayName }).from(people).where(inJsonList(people.id)).prepare();
const teamNames = (db: Db) =>
	db
		.select({ id: teams.id, name: teams.name, unit: units.name })
		.from(teams)
		.innerJoin(units, eq(units.id, teams.unitId))
		.where(inJsonList(teams.id))
		.prepare();
const contributorNames = (db: Db) =>
	db
		.select({
			id: contributors.id,
			name: contributors.name,
			kind: contributors.kind,
			campaignId: contributors.campaignId,
			unit: units.name
		})
		.from(contributors)
		.innerJoin(units, eq(units.id, contributors.unitId))
		.where(inJsonList(contributors.id))
		.prepare();
const unitNames = (db: Db) => db.select({ id: units.id, name: units.name }).from(units).where(inJsonList(units.id)).prepare();

/** Public names only: members by their display name, teams and units by name, contributors by name and kind. */
export function subjectNames(db: Db, subjectType: string, ids: number[]): Map<number, { name: string; detail: string | null }> {
	const names = new Map<number, { name: string; detail: string | null }>();
	if (ids.length === 0) return names;
	const list = { ids: JSON.stringify(ids) };
	if (subjectType === 'member') {
		for (const p of prepared(db, memberNames).all(list)) names.set(p.id, { name: p.name, detail: null });
	} else if (subjectType === 'team') {
		for (const t of prepared(db, teamNames).all(list)) names.set(t.id, { name: t.name, detail: t.unit });
	} else if (subjectType === CONTRIBUTOR_SUBJECT) {
		const labels = new Map<number, Map<string, string>>();
		for (const c of prepared(db, contributorNames).all(list)) {
			if (!labels.has(c.campaignId))
				labels.set(c.campaignId, new Map(campaignContributorKinds(db, c.campaignId).map((k) => [k.code, k.label])));
			names.set(c.id, { name: c.name, detail: `${labels.get(c.campaignId)!.get(c.kind) ?? c.kind} · ${c.unit}` });
		}
	} else {
		for (const u of prepared(db, unitNames).all(list)) names.set(u.id, { name: u.name, detail: null });
	}
	return names;
}

/** Which ledger rows make one board; null when the board's period or scope is gone. */
export function ledgerRowsOf(db: Db, spec: BoardSpec) {
	const period = periodByCode(db, spec.campaignId, spec.periodCode);
	const scope = db.select({ path: units.path }).from(units).where(eq(units.id, spec.scopeUnitId)).get();
	if (!period || !scope) return null;
	return and(
		// Unary + keeps SQLite off point_entries_campaign_idx (a campaign is most of the ledger, each row then read from
		// the table): point_entries_subject_idx covers the query from the subject type on.
		sql`+${pointEntries.campaignId} = ${spec.campaignId}`,
		eq(pointEntries.subjectType, spec.subjectType),
		like(pointEntries.scopePath, `${scope.path}%`),
		isUnitSubject(spec.subjectType) ? sql`${pointEntries.scopePath} != ${scope.path}` : undefined,
		sql`${pointEntries.activityDate} between ${period.startsOn} and ${period.endsOn}`,
		spec.area ? eq(pointEntries.contentArea, spec.area) : undefined
	);
}

/** Which ledger rows make one subject's score on one board; null when the board's period or scope is gone. */
function rowsBehind(db: Db, spec: BoardSpec, subjectId: number) {
	const rows = ledgerRowsOf(db, spec);
	return rows ? and(rows, eq(pointEntries.subjectId, subjectId)) : null;
}

/**
 * One page of the ledger rows behind one subject's score on one board (what the explain page lists), oldest first,
 * with how many there are and their sum (the score): a district's score at the province's size is thousands of rows.
 */
export function entriesBehind(db: Db, spec: BoardSpec, subjectId: number, page: { offset: number; limit: number }) {
	const behind = rowsBehind(db, spec, subjectId);
	if (!behind) return { entries: [], count: 0, total: 0 };
	const summary = db
		.select({ count: sql<number>`count(*)`, total: sql<number>`coalesce(sum(${pointEntries.points}), 0)` })
		.from(pointEntries)
		.where(behind)
		.get()!;
	// The page's ids from the index alone, then those rows: joining every row before the page is cut would read
	// each of them (and its work) to keep fifty.
	const ids = db
		.select({ id: pointEntries.id })
		.from(pointEntries)
		.where(behind)
		.orderBy(asc(pointEntries.id))
		.limit(page.limit)
		.offset(page.offset)
		.all()
		.map((r) => r.id);
	if (ids.length === 0) return { entries: [], count: summary.count, total: summary.total };
	const entries = db
		.select({
			id: pointEntries.id,
			points: pointEntries.points,
			kind: pointEntries.kind,
			ruleCode: pointEntries.ruleCode,
			ruleSetVersion: pointEntries.ruleSetVersion,
			activityDate: pointEntries.activityDate,
			initiativeId: pointEntries.initiativeId,
			title: initiatives.title,
			reason: pointEntries.reason,
			createdAt: pointEntries.createdAt
		})
		.from(pointEntries)
		.innerJoin(initiatives, eq(initiatives.id, pointEntries.initiativeId))
		.where(inArray(pointEntries.id, ids))
		.orderBy(asc(pointEntries.id))
		.all();
	return { entries, count: summary.count, total: summary.total };
}

/**
 * Scores on a board from the ledger rows with ids in (after, upTo] written before `before` (for "moved since
 * yesterday"). Unit boards leave out the scope's own rows.
 */
function scoresBetween(db: Db, spec: BoardSpec, before: number, after: number, upTo: number): Map<number, number> {
	const period = periodByCode(db, spec.campaignId, spec.periodCode);
	const scope = db.select({ path: units.path }).from(units).where(eq(units.id, spec.scopeUnitId)).get();
	if (!period || !scope) return new Map();
	const rows = db
		.select({ id: pointEntries.subjectId, total: sql<number>`sum(${pointEntries.points})` })
		.from(pointEntries)
		.where(
			and(
				gt(pointEntries.id, after),
				lte(pointEntries.id, upTo),
				eq(pointEntries.campaignId, spec.campaignId),
				eq(pointEntries.subjectType, spec.subjectType),
				like(pointEntries.scopePath, `${scope.path}%`),
				isUnitSubject(spec.subjectType) ? sql`${pointEntries.scopePath} != ${scope.path}` : undefined,
				sql`${pointEntries.activityDate} between ${period.startsOn} and ${period.endsOn}`,
				spec.area ? eq(pointEntries.contentArea, spec.area) : undefined,
				lt(pointEntries.createdAt, before)
			)
		)
		.groupBy(pointEntries.subjectId)
		.all();
	return new Map(rows.map((r) => [r.id, r.total]));
}

/** Yesterday's standing of one board: the ledger read up to `upTo`, its ranks worked out once. */
interface Yesterday {
	before: number;
	upTo: number;
	scores: Map<number, number>;
	ranks: Map<number, number>;
}

const yesterdays = new WeakMap<Db, Map<string, Yesterday>>();

/**
 * Ranks on a board as they stood at the start of today, for "moved since yesterday". Summing a board's share of
 * the ledger on every view was ≥ 90 % of a board page at the province's size; the standing at midnight cannot change
 * during the day except by rows written with an earlier date, so each board keeps its own, read once a day and then
 * only the rows added since (the ledger only grows, by id) — a view after an approval reads that approval's rows.
 */
function ranksAtStartOfDay(db: Db, spec: BoardSpec, now: number): Map<number, number> {
	const before = startOfTodayVn(now);
	const upTo =
		db
			.select({ id: max(pointEntries.id) })
			.from(pointEntries)
			.get()?.id ?? 0;
	let boards = yesterdays.get(db);
	if (!boards) yesterdays.set(db, (boards = new Map()));
	const key = boardKey(spec);
	let kept = boards.get(key);
	if (!kept || kept.before !== before || upTo < kept.upTo) {
		kept = { before, upTo: 0, scores: new Map(), ranks: new Map() };
		boards.set(key, kept);
	}
	if (upTo > kept.upTo) {
		const added = scoresBetween(db, spec, before, kept.upTo, upTo);
		for (const [id, points] of added) kept.scores.set(id, (kept.scores.get(id) ?? 0) + points);
		if (added.size > 0) kept.ranks = ranksOf(new Map([...kept.scores].filter(([, score]) => score !== 0)));
		kept.upTo = upTo;
	}
	return kept.ranks;
}

function ranksOf(scores: Map<number, number>): Map<number, number> {
	const sorted = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
	const ranks = competitionRanks(sorted.map(([, s]) => s));
	return new Map(sorted.map(([id], i) => [id, ranks[i]!]));
}

/** Start of today in Vietnam, as epoch ms. */
export function startOfTodayVn(now: number): number {
	return Date.parse(`${isoDay(now)}T00:00:00+07:00`);
}

export interface BoardView {
	key: string;
	rows: NamedRow[];
	total: number;
	mine: NamedRow | null;
	around: NamedRow[];
}

/**
 * One board as the page shows it: the top, the viewer's own row and its neighbours, and how far each row
 * moved since yesterday. Per-capita boards divide unit scores by active members, in thousandths.
 */
export async function boardView(
	db: Db,
	store: LeaderboardStore,
	spec: BoardSpec,
	opts: { limit: number; mySubjectId: number | null; perCapita: boolean; now: number }
): Promise<BoardView> {
	const key = boardKey(spec);
	let ordered: Array<{ subjectId: number; score: number; rank: number }>;
	if (opts.perCapita && isUnitSubject(spec.subjectType)) {
		const scores = await store.scores(key);
		const ids = [...scores.keys()].map(Number);
		const paths = db
			.select({ id: units.id, path: units.path })
			.from(units)
			.where(inArray(units.id, ids.length ? ids : [-1]))
			.all();
		const counts = memberCounts(
			db,
			paths.map((p) => p.path),
			isoDay(opts.now)
		);
		const per = new Map(paths.map((p) => [p.id, perCapita(scores.get(String(p.id)) ?? 0, counts.get(p.path) ?? 0)]));
		const sorted = [...per].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
		const ranks = competitionRanks(sorted.map(([, v]) => v));
		ordered = sorted.map(([subjectId, score], i) => ({ subjectId, score, rank: ranks[i]! }));
	} else {
		const top = await store.top(key, opts.limit);
		ordered = top.map((r) => ({ subjectId: Number(r.subjectId), score: r.score, rank: r.rank }));
	}
	const yesterday = opts.perCapita ? new Map<number, number>() : ranksAtStartOfDay(db, spec, opts.now);
	let mineRow: { subjectId: number; score: number; rank: number } | null = null;
	let aroundRows: Array<{ subjectId: number; score: number; rank: number }> = [];
	if (opts.mySubjectId !== null) {
		if (opts.perCapita) {
			const i = ordered.findIndex((r) => r.subjectId === opts.mySubjectId);
			mineRow = i >= 0 ? ordered[i]! : null;
			aroundRows = i >= 0 ? ordered.slice(Math.max(0, i - 3), i + 4) : [];
		} else {
			const row = await store.row(key, String(opts.mySubjectId));
			mineRow = row ? { subjectId: Number(row.subjectId), score: row.score, rank: row.rank } : null;
			aroundRows = (await store.around(key, String(opts.mySubjectId), 3)).map((r) => ({
				subjectId: Number(r.subjectId),
				score: r.score,
				rank: r.rank
			}));
		}
	}
	const shown = ordered.slice(0, opts.limit);
	const names = subjectNames(db, spec.subjectType, [...new Set([...shown, ...aroundRows].map((r) => r.subjectId))]);
	const name = (r: { subjectId: number; score: number; rank: number }): NamedRow => {
		const before = yesterday.get(r.subjectId);
		return {
			...r,
			name: names.get(r.subjectId)?.name ?? `#${r.subjectId}`,
			detail: names.get(r.subjectId)?.detail ?? null,
			moved: before === undefined ? null : before - r.rank
		};
	};
	return {
		key,
		rows: shown.map(name),
		total: opts.perCapita ? ordered.length : await store.size(key),
		mine: mineRow ? name(mineRow) : null,
		around: aroundRows.map(name)
	};
}

/** A member's latest ledger rows (awards and reversals) with the initiative each came from, newest first. */
export function recentPointsOf(db: Db, personId: number, limit = 20) {
	return db
		.select({
			id: pointEntries.id,
			points: pointEntries.points,
			kind: pointEntries.kind,
			initiativeId: pointEntries.initiativeId,
			title: initiatives.title,
			day: pointEntries.activityDate
		})
		.from(pointEntries)
		.innerJoin(initiatives, eq(initiatives.id, pointEntries.initiativeId))
		.where(and(eq(pointEntries.subjectType, 'member'), eq(pointEntries.subjectId, personId)))
		.orderBy(desc(pointEntries.id))
		.limit(limit)
		.all();
}
