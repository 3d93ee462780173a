import { asc, eq, lte } from 'drizzle-orm';
import { contentAreas, units } from '../db/schema';
import type { AppContext } from '../context';
import { campaignChoices, chosenCampaign } from '../campaigns/queries';
import { boardView, entriesBehind, subjectNames } from './boards';
import { adjustmentsAfterClose, allPeriods, frozenStandings, periodByCode } from './periods';
import { homeChain, mySubject } from './my-subject';
import { ownBoardContexts } from '../../domain/scoring/board-contexts';
import { boardSubjectsOf } from './subjects';
import { chosenSubject } from '../../domain/scoring/subjects';
import { liveSnapshot } from '../realtime/live-boards';
import { recentApprovals } from '../showcase/queries';
import { boardKey, parseBoardKey } from '../../domain/scoring/boards';
import { isoDay } from '../../format';

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
	// A signed-in member's own unit may sit deeper than the scopes offered to everyone: offer their path too.
	const chain = ctx.actor ? homeChain(db, ctx.actor.personId) : [];
	const scopes = [
		...db.select({ id: units.id, name: units.name, depth: units.depth, path: units.path }).from(units).where(lte(units.depth, 2)).all(),
		...chain.filter((u) => u.depth > 2)
	].sort((a, b) => (a.path < b.path ? -1 : 1));
	const root = scopes.find((s) => s.depth === 0);
	const areas = campaign
		? db
				.select({ code: contentAreas.code, name: contentAreas.name })
				.from(contentAreas)
				.where(eq(contentAreas.campaignId, campaign.id))
				.orderBy(asc(contentAreas.code))
				.all()
		: [];

	// The campaign's own boards; with no campaign, the page shows none but still offers members and teams.
	const subjects = boardSubjectsOf(db, campaign?.id ?? 0);
	const contexts = ownBoardContexts(chain, subjects);
	// With no choice in the URL a member lands on the board nearest them (their unit's members), not the province's.
	const own = query.subject === null && query.scopeId === null ? contexts[0] : undefined;
	const chosenKind = chosenSubject(subjects, own?.subject ?? query.subject);
	const subject = chosenKind.code;
	const wantedScope = own ? String(own.scopeId) : query.scopeId;
	const scopeId = scopes.some((s) => String(s.id) === wantedScope) ? Number(wantedScope) : (root?.id ?? 0);
	const thisYear = `Y${isoDay(now).slice(0, 4)}`;
	const period = periodList.find((p) => p.code === query.period) ?? periodList.find((p) => p.code === thisYear) ?? periodList.at(-1);
	const area = areas.some((a) => a.code === query.area) ? query.area : null;
	const perCapita = query.perCapita && chosenKind.unit;

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
		subjects: subjects.map((o) => ({ code: o.code, label: o.label, unit: o.unit })),
		subject,
		/** Per-capita boards exist only for units. */
		perCapitaOffered: chosenKind.unit,
		// Indented by depth on the page: 205 of them at the province's size, so sent once each, without the indent.
		scopes: scopes.map((s) => ({ id: s.id, name: s.name, depth: s.depth })),
		scopeId,
		contexts,
		periods: periodList.map((p) => ({ code: p.code, name: p.name, status: p.status })),
		period: period ? { code: period.code, name: period.name, status: period.status, closedAt: period.closedAt } : null,
		areas,
		area,
		perCapita,
		view,
		live,
		mySubjectId,
		/** When these numbers were read: a copy kept on a phone says how old it is. */
		readAt: now,
		ticker: recentApprovals(db, 6)
	};
}

/**
 * Ledger rows on one page of the explain page: a phone on 3G gets the sum at once and the rows a page at a time
 * (a hundred made 83 KB of HTML, over issue 14's 80 KB: bench/scale.ts).
 */
export const EXPLAIN_ROWS_PER_PAGE = 50;

/**
 * The ledger rows behind one score on one board, a page at a time (`page` from 1), with their count, their sum and
 * the board's name; null when the board does not exist.
 */
export async function explainScore(
	ctx: Pick<AppContext, 'db' | 'boards'>,
	key: string,
	subjectId: number,
	page = 1,
	perPage = EXPLAIN_ROWS_PER_PAGE
) {
	const spec = parseBoardKey(key);
	if (!spec || !Number.isInteger(subjectId) || subjectId <= 0) return null;
	// The key comes from the URL: only a kind of board the campaign offers names its subjects.
	const kind = boardSubjectsOf(ctx.db, spec.campaignId).find((o) => o.code === spec.subjectType);
	if (!kind) return null;
	const period = periodByCode(ctx.db, spec.campaignId, spec.periodCode);
	const campaign = campaignChoices(ctx.db).find((c) => c.id === spec.campaignId);
	const scope = ctx.db.select({ name: units.name }).from(units).where(eq(units.id, spec.scopeUnitId)).get();
	if (!period || !scope || !campaign) return null;
	const { entries, count, total } = entriesBehind(ctx.db, spec, subjectId, { offset: (page - 1) * perPage, limit: perPage });
	const row = await ctx.boards.row(key, String(subjectId));
	return {
		name: subjectNames(ctx.db, spec.subjectType, [subjectId]).get(subjectId)?.name ?? `#${subjectId}`,
		board: `${kind.label} · ${scope.name} · ${period.name}${spec.area ? ` · ${spec.area}` : ''}`,
		entries,
		total,
		rows: {
			first: count === 0 ? 0 : (page - 1) * perPage + 1,
			last: (page - 1) * perPage + entries.length,
			count,
			page,
			pages: Math.max(1, Math.ceil(count / perPage))
		},
		boardScore: row?.score ?? 0,
		rank: row?.rank ?? null,
		campaign: campaign.name,
		backHref: `/bang-xep-hang?phong-trao=${encodeURIComponent(campaign.slug)}&doi-tuong=${spec.subjectType}&pham-vi=${spec.scopeUnitId}&ky=${spec.periodCode}${spec.area ? `&linh-vuc=${spec.area}` : ''}`
	};
}
