import { asc, eq, lte } from 'drizzle-orm';
import { contentAreas, units } from '../db/schema';
import type { AppContext } from '../context';
import { campaignChoices, chosenCampaign, levelsWithBoards } from '../campaigns/queries';
import { boardView, entriesBehind, subjectNames } from './boards';
import { adjustmentsAfterClose, allPeriods, frozenStandings, periodByCode } from './periods';
import { mySubject } from './my-subject';
import { liveSnapshot } from '../realtime/live-boards';
import { recentApprovals } from '../showcase/queries';
import { boardKey, isUnitSubject, parseBoardKey } from '../../domain/scoring/boards';
import { isoDay } from '../../format';
import { t, type MessageKey } from '../../i18n';

export const BOARD_SUBJECTS = ['district', 'grassroots', 'branch', 'team', 'member'] as const;
export type BoardSubject = (typeof BOARD_SUBJECTS)[number];

function isBoardSubject(value: string): value is BoardSubject {
	return (BOARD_SUBJECTS as readonly string[]).includes(value);
}

/** The board page's choices as the URL gives them (any of them may be missing or wrong). */
export interface BoardQuery {
	/** The campaign's slug (`?phong-trao=`); the installation's default when absent. */
	campaign: string | null;
	subject: string | null;
	scopeId: string | null;
	period: string | null;
	area: string | null;
	perCapita: boolean;
}

const ROWS_SHOWN = 50;

/**
 * Everything the leaderboard page shows: the choices (subjects, scopes down to districts' grassroots,
 * periods, content areas), the chosen board with the viewer's row, its live snapshot while the period is
 * open, and for a closed period the standings frozen at its close with later points as adjustments.
 */
export async function leaderboardPage(ctx: Pick<AppContext, 'db' | 'boards' | 'now' | 'actor'>, query: BoardQuery) {
	const { db, boards, now } = ctx;
	const choices = campaignChoices(db);
	const chosen = chosenCampaign(choices, query.campaign);
	if (chosen === 'unknown') return null;
	const campaign = chosen;
	const periodList = campaign ? allPeriods(db, campaign.id) : [];
	const scopes = db
		.select({ id: units.id, name: units.name, depth: units.depth })
		.from(units)
		.where(lte(units.depth, 2))
		.orderBy(asc(units.path))
		.all();
	const root = scopes.find((s) => s.depth === 0);
	const areas = campaign
		? db
				.select({ code: contentAreas.code, name: contentAreas.name })
				.from(contentAreas)
				.where(eq(contentAreas.campaignId, campaign.id))
				.orderBy(asc(contentAreas.code))
				.all()
		: [];

	// Levels whose `boards` flag the standing office turned off are not offered (their rows are still kept).
	const withBoards = campaign ? levelsWithBoards(db, campaign.id) : null;
	const subjects = BOARD_SUBJECTS.filter((s) => !isUnitSubject(s) || !withBoards || withBoards.has(s));
	const subject: BoardSubject = subjects.find((s) => s === query.subject) ?? subjects[0]!;
	const scopeId = scopes.some((s) => String(s.id) === query.scopeId) ? Number(query.scopeId) : (root?.id ?? 0);
	const thisYear = `Y${isoDay(now).slice(0, 4)}`;
	const period = periodList.find((p) => p.code === query.period) ?? periodList.find((p) => p.code === thisYear) ?? periodList.at(-1);
	const area = areas.some((a) => a.code === query.area) ? query.area : null;
	const perCapita = query.perCapita && subject !== 'member' && subject !== 'team';

	const mySubjectId = mySubject(db, ctx.actor?.personId ?? null, subject);
	const view =
		campaign && period
			? await boardView(
					db,
					boards,
					{ campaignId: campaign.id, subjectType: subject, scopeUnitId: scopeId, periodCode: period.code, area },
					{ limit: ROWS_SHOWN, mySubjectId, perCapita, now }
				)
			: null;
	// Open periods are live: the page starts from this snapshot and follows the board's deltas.
	const live = view && period && period.status !== 'closed' ? await liveSnapshot(db, boards, view.key) : null;
	let frozen: {
		closedAt: number;
		rows: Array<{ subjectId: number; name: string; points: number; rank: number }>;
		adjustments: Array<{ name: string; points: number }>;
	} | null = null;
	if (campaign && period && period.status === 'closed' && period.closedAt !== null && !perCapita) {
		const key = boardKey({ campaignId: campaign.id, subjectType: subject, scopeUnitId: scopeId, periodCode: period.code, area });
		const rows = frozenStandings(db, period.id, key).slice(0, ROWS_SHOWN);
		const late = adjustmentsAfterClose(db, period, key);
		const names = subjectNames(db, subject, [...new Set([...rows.map((r) => r.subjectId), ...late.keys()])]);
		frozen = {
			closedAt: period.closedAt,
			rows: rows.map((r) => ({
				subjectId: r.subjectId,
				name: names.get(r.subjectId)?.name ?? `#${r.subjectId}`,
				points: r.points,
				rank: r.rank
			})),
			adjustments: [...late].filter(([, p]) => p !== 0).map(([id, points]) => ({ name: names.get(id)?.name ?? `#${id}`, points }))
		};
	}
	return {
		hasCampaign: !!campaign,
		campaign: campaign ? { slug: campaign.slug, name: campaign.name } : null,
		// Offered only where there is a choice: most installations run one campaign.
		campaigns: choices.map((c) => ({ slug: c.slug, name: c.name })),
		frozen,
		subjects,
		subject,
		scopes: scopes.map((s) => ({ id: s.id, label: `${'\u00a0\u00a0'.repeat(s.depth)}${s.name}` })),
		scopeId,
		periods: periodList.map((p) => ({ code: p.code, name: p.name, status: p.status })),
		period: period ? { code: period.code, name: period.name, status: period.status, closedAt: period.closedAt } : null,
		areas,
		area,
		perCapita,
		view,
		live,
		mySubjectId,
		ticker: recentApprovals(db, 6)
	};
}

/** Every ledger row behind one score on one board, with its board's name; null when the board does not exist. */
export async function explainScore(ctx: AppContext, key: string, subjectId: number) {
	const spec = parseBoardKey(key);
	// The key comes from the URL: a subject kind outside the list would reach the name lookups (a 500).
	if (!spec || !isBoardSubject(spec.subjectType) || !Number.isInteger(subjectId) || subjectId <= 0) return null;
	const period = periodByCode(ctx.db, spec.campaignId, spec.periodCode);
	const campaign = campaignChoices(ctx.db).find((c) => c.id === spec.campaignId);
	const scope = ctx.db.select({ name: units.name }).from(units).where(eq(units.id, spec.scopeUnitId)).get();
	if (!period || !scope || !campaign) return null;
	const entries = entriesBehind(ctx.db, spec, subjectId);
	const row = await ctx.boards.row(key, String(subjectId));
	return {
		name: subjectNames(ctx.db, spec.subjectType, [subjectId]).get(subjectId)?.name ?? `#${subjectId}`,
		board: `${t(`subject.${spec.subjectType}` as MessageKey)} · ${scope.name} · ${period.name}${spec.area ? ` · ${spec.area}` : ''}`,
		entries,
		total: entries.reduce((sum, e) => sum + e.points, 0),
		boardScore: row?.score ?? 0,
		rank: row?.rank ?? null,
		campaign: campaign.name,
		backHref: `/bang-xep-hang?phong-trao=${encodeURIComponent(campaign.slug)}&doi-tuong=${spec.subjectType}&pham-vi=${spec.scopeUnitId}&ky=${spec.periodCode}${spec.area ? `&linh-vuc=${spec.area}` : ''}`
	};
}
