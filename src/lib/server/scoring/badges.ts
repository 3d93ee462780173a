import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { badgeAwards, badgeDefinitions, people, teamMembers, units } from '../db/schema';
import type { MyBadge } from '../../realtime/contract';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { t } from '../../i18n';
import {
	badgeDefinitionSchema,
	badgeSubject,
	levelsReached,
	longestStreak,
	nothingMoreToEarn,
	WHOLE_CAMPAIGN,
	type AddedWork,
	type BadgeSpec
} from '../../domain/scoring/badges';
import { boardKey, isUnitSubject } from '../../domain/scoring/boards';

export interface Subject {
	type: string;
	id: number;
}

export interface BadgeChange {
	badgeCode: string;
	level: number;
	subjectType: string;
	subjectId: number;
	periodCode: string;
	change: 'awarded' | 'revoked';
}

/**
 * Initiatives currently counting for a subject in one campaign (net points above zero), oldest first: a campaign's
 * badges are earned by its own work only, never by points of another campaign.
 */
function standingWork(db: Db, campaignId: number, subject: Subject) {
	// Summed by SQLite, not row by row here: a district's or the province's own rows are every approval under it, and
	// this runs for each of them on every approval. `activity_date` is the first row's (SQLite's bare column of min()).
	return prepared(db, standingWorkQuery).all(subject.type, subject.id, campaignId);
}

const standingWorkQuery = (db: Db) =>
	db.$client.prepare<[string, number, number], { initiativeId: number; net: number; firstId: number; day: string }>(
		`select initiative_id as initiativeId, sum(points) as net, min(id) as firstId, activity_date as day
		   from point_entries where subject_type = ? and subject_id = ? and campaign_id = ?
		  group by initiative_id having sum(points) > 0 order by firstId`
	);

const evidenceQuery = (db: Db) =>
	db.$client
		.prepare<[string, number, number, string], number>(
			`select id from point_entries indexed by point_entries_subject_idx
		  where subject_type = ? and subject_id = ? and campaign_id = ? and points > 0
		    and initiative_id in (select value from json_each(?))
		  order by id`
		)
		.pluck();

/**
 * The ledger rows that earned the subject these works: an award's evidence. Read only when an award is written
 * (rarely), not on every evaluation.
 */
function evidenceOf(db: Db, campaignId: number, subject: Subject, works: Work): number[] {
	if (works.length === 0) return [];
	return prepared(db, evidenceQuery).all(subject.type, subject.id, campaignId, JSON.stringify(works.map((w) => w.initiativeId)));
}

// The ids travel as one JSON parameter so the statement is prepared once whatever their number.
const measureTotalQuery = (db: Db) =>
	db.$client.prepare<[string, string], { total: number }>(
		`select coalesce(sum(coalesce(im.approved_value, im.value)), 0) as total
		   from initiative_measures im join activity_measures am on am.id = im.measure_id
		  where am.code = ? and im.initiative_id in (select value from json_each(?))`
	);

function measureTotal(db: Db, initiativeIds: number[], code: string): number {
	if (initiativeIds.length === 0) return 0;
	return prepared(db, measureTotalQuery).get(code, JSON.stringify(initiativeIds))!.total;
}

type Work = ReturnType<typeof standingWork>;

/**
 * Whether a subject's standing work has a work of this year (as standingWork dates it: by the work's first ledger
 * row for the subject): what the coverage badge asks of each child, answered from the child's rows of that year
 * rather than its whole history (a union's branches have thousands of works between them).
 */
const workInYear = (db: Db) =>
	db.$client.prepare<[{ type: string; id: number; campaign: number; year: string }], { found: number }>(
		`select exists (
		   select 1 from point_entries p
		    where p.subject_type = @type and p.subject_id = @id and p.campaign_id = @campaign
		      and p.activity_date between @year || '-01-01' and @year || '-12-31' and p.points > 0
		      and not exists (select 1 from point_entries q indexed by point_entries_initiative_idx
		                       where q.initiative_id = p.initiative_id and q.subject_type = p.subject_type
		                         and q.subject_id = p.subject_id and q.campaign_id = p.campaign_id and q.id < p.id)
		      and (select sum(r.points) from point_entries r indexed by point_entries_initiative_idx
		            where r.initiative_id = p.initiative_id and r.subject_type = p.subject_type
		              and r.subject_id = p.subject_id and r.campaign_id = p.campaign_id) > 0
		 ) as found`
	);

const teamSize = (db: Db) =>
	db
		.select({ n: sql<number>`count(*)` })
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, sql.placeholder('teamId')), isNull(teamMembers.leftAt)))
		.prepare();
const activeChildren = (db: Db) =>
	db
		.select({ id: units.id, level: units.level })
		.from(units)
		.where(and(eq(units.parentId, sql.placeholder('parentId')), eq(units.active, true)))
		.prepare();

/**
 * Levels a subject holds under one definition, keyed by period ('ALL' unless the badge is per year), with the works
 * that earned them. `years`: only these years of a per-year badge are looked at (an approval's, which cannot change
 * another year), and the subject's work is read only if one of them is earned.
 */
function qualifies(
	db: Db,
	campaignId: number,
	spec: BadgeSpec,
	subject: Subject,
	workOf: (s: Subject) => Work,
	years?: string[]
): Map<string, { level: number; works: Work }> {
	const result = new Map<string, { level: number; works: Work }>();
	const work = spec.kind === 'teamSize' || (spec.kind === 'coverage' && years) ? [] : workOf(subject);
	const set = (level: number, works: Work, period = WHOLE_CAMPAIGN) => {
		if (level > 0) result.set(period, { level, works });
	};
	switch (spec.kind) {
		case 'first':
			set(work.length > 0 ? 1 : 0, work.slice(0, 1));
			break;
		case 'count':
			set(levelsReached(work.length, spec.levels), work);
			break;
		case 'measure':
			set(
				levelsReached(
					measureTotal(
						db,
						work.map((w) => w.initiativeId),
						spec.measure
					),
					spec.levels
				),
				work
			);
			break;
		case 'streak':
			set(
				longestStreak(
					work.map((w) => w.day.slice(0, 7)),
					spec.grace
				) >= spec.months
					? 1
					: 0,
				work
			);
			break;
		case 'teamSize': {
			const members = prepared(db, teamSize).get({ teamId: subject.id })!.n;
			set(members >= spec.minMembers ? 1 : 0, []);
			break;
		}
		case 'coverage': {
			// Every active unit right under it (branches under a grassroots union, bản under a commune) has approved
			// work in the same year, as credited at the child's own level.
			const children = prepared(db, activeChildren).all({ parentId: subject.id });
			if (children.length === 0) break;
			for (const year of new Set(years ?? work.map((w) => w.day.slice(0, 4)))) {
				const covered = children.every(
					(child) => prepared(db, workInYear).get({ type: child.level, id: child.id, campaign: campaignId, year })!.found === 1
				);
				if (covered)
					set(
						1,
						workOf(subject).filter((w) => w.day.startsWith(year)),
						`Y${year}`
					);
			}
			break;
		}
		case 'top':
			// Awarded when a period closes (see awardTopPlaces); nothing to evaluate per approval.
			break;
	}
	return result;
}

const activeDefinitionRows = (db: Db) =>
	db.$client.prepare<[], Omit<typeof badgeDefinitions.$inferSelect, 'spec'> & { spec: string; campaignId: number }>(
		`select code, name, how_to_earn as howToEarn, icon, spec, active, position,
		        coalesce(campaign_id, (select min(id) from campaigns)) as campaignId
		   from badge_definitions where active = 1 order by position`
	);

const insertAward = (db: Db) =>
	db.$client.prepare<[string, number, string, number, string, number, string]>(
		'insert into badge_awards (badge_code, level, subject_type, subject_id, period_code, awarded_at, evidence) values (?, ?, ?, ?, ?, ?, ?)'
	);
const reinstateAward = (db: Db) =>
	db.$client.prepare<[number, string, number]>(
		'update badge_awards set revoked_at = null, revoke_reason = null, awarded_at = ?, evidence = ? where id = ?'
	);
const revokeAward = (db: Db) =>
	db.$client.prepare<[number, string, number]>('update badge_awards set revoked_at = ?, revoke_reason = ? where id = ?');

const awardsOfSubject = (db: Db) =>
	db.$client.prepare<[string, number], typeof badgeAwards.$inferSelect>(
		'select id, badge_code as badgeCode, level, period_code as periodCode, revoked_at as revokedAt from badge_awards where subject_type = ? and subject_id = ?'
	);

/** Definitions as read, by their stored text: they are read on every approval and parsed once. */
const parsedDefinitions = new Map<string, ActiveDefinition | null>();

type ActiveDefinition = Omit<typeof badgeDefinitions.$inferSelect, 'spec'> & { spec: BadgeSpec; campaignId: number };

/**
 * Active badge definitions with the campaign each belongs to (definitions made before campaign files belong to
 * the first campaign), of every campaign or of the ones named.
 */
export function activeDefinitions(db: Db, campaignIds?: number[]): ActiveDefinition[] {
	const result: ActiveDefinition[] = [];
	for (const row of prepared(db, activeDefinitionRows).all()) {
		if (campaignIds !== undefined && !campaignIds.includes(row.campaignId)) continue;
		const memo = [row.code, row.name, row.howToEarn, row.icon, row.spec, row.active, row.position, row.campaignId].join('\u0000');
		let parsed = parsedDefinitions.get(memo);
		if (parsed === undefined) {
			const checked = badgeDefinitionSchema.safeParse({
				code: row.code,
				name: row.name,
				howToEarn: row.howToEarn,
				icon: row.icon,
				spec: JSON.parse(row.spec)
			});
			parsed = checked.success ? { ...row, spec: checked.data.spec } : null;
			parsedDefinitions.set(memo, parsed);
		}
		if (parsed) result.push(parsed);
	}
	return result;
}

/**
 * Brings a subject's awards in line with its standing work: new levels are awarded (with the ledger rows that
 * earned them), levels no longer supported are revoked with the reason shown. Each campaign's badges look at
 * that campaign's work only; `campaignIds` limits the evaluation to the campaigns a change touched (all when
 * absent). `onlyAdded`: the change only added this work (an approval): badges it cannot move for the subject (every
 * level held where it counts, or a total of a measure it has no value for) are left as they are, without reading the
 * subject's history (they can only rise).
 * Idempotent; runs inside the transaction of the change that caused it.
 */
export function evaluateBadges(db: Db, subjects: Subject[], now: number, campaignIds?: number[], onlyAdded?: AddedWork): BadgeChange[] {
	const changes: BadgeChange[] = [];
	const definitions = activeDefinitions(db, campaignIds).filter((d) => d.spec.kind !== 'top');
	const seen = new Set<string>();
	const works = new Map<string, Work>();
	// Every award the subjects hold, in one query per subject rather than one per badge.
	const awardsBySubject = new Map<string, Array<typeof badgeAwards.$inferSelect>>();
	for (const subject of subjects) {
		const k = `${subject.type}|${subject.id}`;
		if (awardsBySubject.has(k)) continue;
		awardsBySubject.set(k, prepared(db, awardsOfSubject).all(subject.type, subject.id));
	}
	const addedYears = onlyAdded && [...new Set(onlyAdded.days.map((day) => day.slice(0, 4)))];
	const workIn =
		(campaignId: number) =>
		(s: Subject): Work => {
			const k = `${campaignId}|${s.type}|${s.id}`;
			if (!works.has(k)) works.set(k, standingWork(db, campaignId, s));
			return works.get(k)!;
		};
	for (const subject of subjects) {
		const key = `${subject.type}|${subject.id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		for (const def of definitions) {
			const wanted = badgeSubject(def.spec);
			if (wanted !== subject.type && !(wanted === 'unit' && isUnitSubject(subject.type))) continue;
			const existing = (awardsBySubject.get(key) ?? []).filter((a) => a.badgeCode === def.code);
			if (
				onlyAdded &&
				nothingMoreToEarn(
					def.spec,
					existing.filter((a) => a.revokedAt === null),
					onlyAdded
				)
			)
				continue;
			const held = qualifies(db, def.campaignId, def.spec, subject, workIn(def.campaignId), addedYears);
			for (const [periodCode, { level, works }] of held) {
				let evidence: string | undefined;
				for (let l = 1; l <= level; l++) {
					const row = existing.find((a) => a.level === l && a.periodCode === periodCode);
					if (row && row.revokedAt === null) continue;
					evidence ??= JSON.stringify(evidenceOf(db, def.campaignId, subject, works));
					if (row) prepared(db, reinstateAward).run(now, evidence, row.id);
					else prepared(db, insertAward).run(def.code, l, subject.type, subject.id, periodCode, now, evidence);
					changes.push({ badgeCode: def.code, level: l, subjectType: subject.type, subjectId: subject.id, periodCode, change: 'awarded' });
				}
			}
			// Added work lowers no badge (so nothingMoreToEarn), and a per-year badge's levels were then looked at for the
			// work's years only: nothing to revoke.
			if (onlyAdded) continue;
			for (const row of existing) {
				if (row.revokedAt !== null) continue;
				const still = held.get(row.periodCode);
				if (still && still.level >= row.level) continue;
				prepared(db, revokeAward).run(now, t('badges.revokedReason'), row.id);
				changes.push({
					badgeCode: def.code,
					level: row.level,
					subjectType: subject.type,
					subjectId: subject.id,
					periodCode: row.periodCode,
					change: 'revoked'
				});
			}
		}
	}
	return changes;
}

/** At a period's close: "top N" badges for the province-wide boards of that period. */
export function awardTopPlaces(
	db: Db,
	campaignId: number,
	periodCode: string,
	rootUnitId: number,
	standings: Map<string, Array<{ subjectId: number; rank: number }>>,
	now: number
): BadgeChange[] {
	const changes: BadgeChange[] = [];
	for (const def of activeDefinitions(db, [campaignId])) {
		if (def.spec.kind !== 'top') continue;
		const rows =
			standings.get(boardKey({ campaignId, subjectType: def.spec.subject, scopeUnitId: rootUnitId, periodCode, area: null })) ?? [];
		for (const r of rows.filter((x) => x.rank <= (def.spec as { places: number }).places)) {
			const inserted = db
				.insert(badgeAwards)
				.values({
					badgeCode: def.code,
					level: 1,
					subjectType: def.spec.subject,
					subjectId: r.subjectId,
					periodCode,
					awardedAt: now,
					evidence: []
				})
				.onConflictDoNothing()
				.run();
			if (inserted.changes)
				changes.push({
					badgeCode: def.code,
					level: 1,
					subjectType: def.spec.subject,
					subjectId: r.subjectId,
					periodCode,
					change: 'awarded'
				});
		}
	}
	return changes;
}

export function awardsOf(db: Db, subject: Subject) {
	return db
		.select({
			id: badgeAwards.id,
			code: badgeAwards.badgeCode,
			level: badgeAwards.level,
			periodCode: badgeAwards.periodCode,
			awardedAt: badgeAwards.awardedAt,
			revokedAt: badgeAwards.revokedAt,
			revokeReason: badgeAwards.revokeReason,
			name: badgeDefinitions.name,
			icon: badgeDefinitions.icon
		})
		.from(badgeAwards)
		.innerJoin(badgeDefinitions, eq(badgeDefinitions.code, badgeAwards.badgeCode))
		.where(and(eq(badgeAwards.subjectType, subject.type), eq(badgeAwards.subjectId, subject.id)))
		.orderBy(asc(badgeAwards.awardedAt))
		.all();
}

/** A person's badges awarded since they last saw their news (a push may have been missed), newest first. */
export function unseenBadges(db: Db, personId: number, limit = 5): MyBadge[] {
	return db.$client
		.prepare(
			`select d.code, d.name, d.icon, d.how_to_earn as howToEarn, a.level, a.period_code as periodCode
			   from badge_awards a join badge_definitions d on d.code = a.badge_code
			   join people p on p.id = a.subject_id
			  where a.subject_type = 'member' and a.subject_id = ? and a.revoked_at is null and a.awarded_at > p.badges_seen_at
			  order by a.awarded_at, a.id limit ?`
		)
		.all(personId, limit) as MyBadge[];
}

export function markBadgesSeen(db: Db, personId: number, now: number): void {
	db.update(people).set({ badgesSeenAt: now }).where(eq(people.id, personId)).run();
}
