import { and, asc, eq, sql } from 'drizzle-orm';
import { periodStandings, periods, pointEntries } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig, campaignOwner } from '../campaigns/configure';
import { boardKeysFor, isUnitSubject } from '../../domain/scoring/boards';
import { nextPeriodStatus, type PeriodStep } from '../../domain/scoring/periods';
import { awardTopPlaces } from './badges';

const periodsInOrder = (db: Db) => db.select().from(periods).orderBy(asc(periods.startsOn)).prepare();

/**
 * Periods in date order: every campaign's (each ledger row is matched with its own campaign's periods, so two
 * campaigns sharing a code such as Y2025 never meet on a board), or one campaign's.
 */
export function allPeriods(db: Db, campaignId?: number) {
	const list = prepared(db, periodsInOrder).all();
	return campaignId === undefined ? list : list.filter((p) => p.campaignId === campaignId);
}

export function periodByCode(db: Db, campaignId: number, code: string) {
	return allPeriods(db, campaignId).find((p) => p.code === code);
}

export interface Standing {
	subjectId: number;
	points: number;
	initiatives: number;
	reachedAt: number;
	rank: number;
	position: number;
}

/**
 * Final standings of every board of a period, with the published tie-break: points, then more approved
 * initiatives, then who reached the total first; subjects equal on all three share the rank (co-winners).
 */
export function standingsFromLedger(
	db: Db,
	period: { campaignId: number; code: string; startsOn: string; endsOn: string }
): Map<string, Standing[]> {
	const acc = new Map<string, Map<number, { points: number; initiatives: Map<number, number>; reachedAt: number }>>();
	for (const raw of db.$client
		.prepare('select * from point_entries where campaign_id = ? and activity_date between ? and ? order by id')
		.iterate(period.campaignId, period.startsOn, period.endsOn) as Iterable<Record<string, unknown>>) {
		const entry = {
			id: raw.id as number,
			subjectType: raw.subject_type as string,
			subjectId: raw.subject_id as number,
			points: raw.points as number,
			scopePath: raw.scope_path as string,
			contentArea: (raw.content_area as string | null) ?? null,
			initiativeId: raw.initiative_id as number,
			createdAt: raw.created_at as number
		};
		for (const key of boardKeysFor(period.campaignId, entry, isUnitSubject(entry.subjectType), [period.code], entry.contentArea)) {
			let board = acc.get(key);
			if (!board) acc.set(key, (board = new Map()));
			const s = board.get(entry.subjectId) ?? { points: 0, initiatives: new Map<number, number>(), reachedAt: 0 };
			s.points += entry.points;
			s.initiatives.set(entry.initiativeId, (s.initiatives.get(entry.initiativeId) ?? 0) + entry.points);
			s.reachedAt = entry.createdAt;
			board.set(entry.subjectId, s);
		}
	}
	const result = new Map<string, Standing[]>();
	for (const [key, board] of acc) {
		const rows = [...board]
			.map(([subjectId, s]) => ({
				subjectId,
				points: s.points,
				initiatives: [...s.initiatives.values()].filter((p) => p > 0).length,
				reachedAt: s.reachedAt
			}))
			.filter((r) => r.points !== 0)
			.sort((a, b) => b.points - a.points || b.initiatives - a.initiatives || a.reachedAt - b.reachedAt || a.subjectId - b.subjectId);
		const standings: Standing[] = [];
		rows.forEach((r, i) => {
			const prev = standings[i - 1];
			const tied = prev && prev.points === r.points && prev.initiatives === r.initiatives && prev.reachedAt === r.reachedAt;
			standings.push({ ...r, rank: tied ? prev.rank : i + 1, position: i + 1 });
		});
		if (standings.length) result.set(key, standings);
	}
	return result;
}

export type PeriodResult = { ok: true } | { ok: false; error: 'notFound' | 'wrongState' };

/**
 * Opens, closes or reopens a period. Closing freezes every board of the period with the tie-break applied;
 * later ledger rows for it show as adjustments beside the frozen table. Every step is audited.
 */
export function changePeriod(ctx: ServiceContext, periodId: number, step: PeriodStep): PeriodResult {
	const period = ctx.db.select().from(periods).where(eq(periods.id, periodId)).get();
	if (!period) return { ok: false, error: 'notFound' };
	authorizeCampaignConfig(ctx, period.campaignId);
	const to = nextPeriodStatus(period.status, step);
	if (!to) return { ok: false, error: 'wrongState' };
	return ctx.db.transaction(
		(tx) => {
			const standings = to === 'closed' ? standingsFromLedger(ctx.db, period) : null;
			const lastSeq = tx
				.select({ seq: sql<number>`coalesce(max(${pointEntries.id}), 0)` })
				.from(pointEntries)
				.get()!.seq;
			tx.update(periods)
				.set({
					status: to,
					closedAt: to === 'closed' ? ctx.now : null,
					closedSeq: to === 'closed' ? lastSeq : null,
					closedBy: to === 'closed' ? (ctx.actor?.personId ?? null) : null
				})
				.where(eq(periods.id, periodId))
				.run();
			if (standings) {
				tx.delete(periodStandings).where(eq(periodStandings.periodId, periodId)).run();
				for (const [boardKey, rows] of standings) {
					for (const r of rows) {
						tx.insert(periodStandings)
							.values({
								periodId,
								boardKey,
								subjectId: r.subjectId,
								points: r.points,
								rank: r.rank,
								position: r.position,
								frozenAt: ctx.now
							})
							.run();
					}
				}
			}
			if (standings) {
				awardTopPlaces(ctx.db, period.campaignId, period.code, campaignOwner(ctx.db, period.campaignId)!.id, standings, ctx.now);
			}
			recordAudit(ctx.db, ctx, {
				action: `period.${step === 'startClosing' ? 'start_closing' : step}`,
				targetType: 'period',
				targetId: periodId,
				before: { status: period.status },
				after: { status: to, boards: standings?.size ?? null }
			});
			return { ok: true as const };
		},
		{ behavior: 'immediate' }
	);
}

export function frozenStandings(db: Db, periodId: number, boardKey: string) {
	return db
		.select()
		.from(periodStandings)
		.where(and(eq(periodStandings.periodId, periodId), eq(periodStandings.boardKey, boardKey)))
		.orderBy(periodStandings.position)
		.all();
}

/** Points written for a closed period after it closed: shown as a separate line, never as a silent re-ranking. */
export function adjustmentsAfterClose(
	db: Db,
	period: { campaignId: number; code: string; startsOn: string; endsOn: string; closedSeq: number | null },
	boardKey: string
): Map<number, number> {
	const result = new Map<number, number>();
	if (period.closedSeq === null) return result;
	for (const raw of db.$client
		.prepare('select * from point_entries where campaign_id = ? and activity_date between ? and ? and id > ?')
		.iterate(period.campaignId, period.startsOn, period.endsOn, period.closedSeq) as Iterable<Record<string, unknown>>) {
		const entry = {
			subjectType: raw.subject_type as string,
			subjectId: raw.subject_id as number,
			scopePath: raw.scope_path as string,
			contentArea: (raw.content_area as string | null) ?? null,
			points: raw.points as number
		};
		const keys = boardKeysFor(period.campaignId, entry, isUnitSubject(entry.subjectType), [period.code], entry.contentArea);
		if (keys.includes(boardKey)) {
			result.set(entry.subjectId, (result.get(entry.subjectId) ?? 0) + entry.points);
		}
	}
	return result;
}
