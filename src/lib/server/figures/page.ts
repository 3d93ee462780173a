import { eq } from 'drizzle-orm';
import { campaigns } from '../db/schema';
import type { AppContext } from '../context';
import { campaignChoices, chosenCampaign } from '../campaigns/queries';
import { campaignReaches } from '../campaigns/participation';
import { allPeriods } from '../scoring/periods';
import { ancestorsOf, getUnit } from '../units/queries';
import { adjustmentsOf } from './figures';
import { keptFiguresOf } from './kept';
import { acceptedTargets, indicatorsOfCampaign } from '../targets/service';
import { stockValuesByCode, stocksOf } from './stocks';
import { latestScores } from './external';
import { progressRows } from '../../domain/targets/rules';
import { readCutoff } from '../../domain/figures/cutoff';
import { takesPart } from '../../domain/campaigns/participation';
import { adminScopes, canFileReport, canReceiveReport } from '../../domain/permissions';
import { isWithin } from '../../domain/units/tree';
import { isoDay } from '../../format';
import type { MessageKey } from '../../i18n';
import type { Figures } from '../../domain/figures/types';

/** The figures page's choices as the URL gives them (any may be missing or wrong). */
export interface FiguresQuery {
	campaign: string | null;
	unit: string | null;
	period: string | null;
	cutoff: string | null;
}

const CUTOFF_ERRORS: Record<'malformed' | 'future' | 'beforeStart', MessageKey> = {
	malformed: 'figures.cutoffMalformed',
	future: 'figures.cutoffFuture',
	beforeStart: 'figures.cutoffBeforeStart'
};

/**
 * `/so-lieu`: a unit's figures in a campaign and period at a cut-off. Aggregates are public (transparency is a
 * stated goal of every plan); people who administer the unit also see the decisions made after the cut-off.
 * A unit outside the campaign or a wrong cut-off falls back to the defaults with a message, never a blank page.
 */
/** The campaign, unit and period a figures query names, with the defaults and a message for each wrong choice. */
export function resolveFiguresQuery(ctx: Pick<AppContext, 'db' | 'now'>, query: FiguresQuery) {
	const { db, now } = ctx;
	const choices = campaignChoices(db);
	const campaign = chosenCampaign(choices, query.campaign);
	if (campaign === 'unknown') return null;
	if (campaign === null) return { choices, campaign: null } as const;
	const reach = campaignReaches(db).find((r) => r.campaignId === campaign.id)!;
	const owner = db.select({ id: campaigns.ownerUnitId }).from(campaigns).where(eq(campaigns.id, campaign.id)).get()!;

	const problems: MessageKey[] = [];
	const asked = query.unit && /^\d{1,9}$/.test(query.unit) ? getUnit(db, Number(query.unit)) : undefined;
	if (query.unit && !(asked && takesPart(asked.path, reach))) problems.push('figures.unitOutside');
	const unit = asked && takesPart(asked.path, reach) ? asked : getUnit(db, owner.id)!;

	const periods = allPeriods(db, campaign.id);
	const today = isoDay(now);
	const thisYear = `Y${today.slice(0, 4)}`;
	const period =
		periods.find((p) => p.code === query.period) ??
		periods.find((p) => p.code === thisYear) ??
		periods.filter((p) => p.startsOn <= today).at(-1) ??
		periods[0];
	return { choices, campaign, reach, unit, periods, period, today, problems } as const;
}

export function figuresPage(ctx: Pick<AppContext, 'db' | 'now' | 'actor'>, query: FiguresQuery) {
	const { db, now } = ctx;
	const resolved = resolveFiguresQuery(ctx, query);
	if (!resolved) return null;
	if (resolved.campaign === null) return { campaigns: resolved.choices, campaign: null } as const;
	const { choices, campaign, reach, unit, periods, period, today, problems } = resolved;
	if (!period) return { campaigns: choices, campaign, periods, period: null, unit, problems } as const;

	const cutoff = readCutoff(query.cutoff, now, today, period.startsOn);
	if (!cutoff.ok) problems.push(CUTOFF_ERRORS[cutoff.problem]);
	const cutoffAt = cutoff.ok ? cutoff.at : now;
	const scope = { campaignId: campaign.id, unitId: unit.id, from: period.startsOn, to: period.endsOn, cutoffAt };
	const figures = keptFiguresOf(db, scope, now)!;
	const administers = adminScopes(ctx.actor).some((p) => isWithin(unit.path, p));
	const breadcrumbs = ancestorsOf(db, unit).filter((u) => takesPart(u.path, reach));
	const targets = acceptedTargets(db, { campaignId: campaign.id, unitId: unit.id, periodId: period.id });
	const stocks = stocksOf(db, campaign.id, unit, cutoff.ok ? cutoff.day : today);
	return {
		campaigns: choices,
		campaign,
		periods: periods.map((p) => ({ code: p.code, name: p.name })),
		period: { code: period.code, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn },
		unit,
		breadcrumbs: breadcrumbs.map((u) => ({ id: u.id, name: u.name })),
		cutoffDay: cutoff.ok ? cutoff.day : today,
		today,
		problems,
		figures,
		targets: targets ? progressRows(indicatorsOfCampaign(db, campaign.id), targets, figures, stockValuesByCode(stocks)) : [],
		stocks,
		external: externalScoresView(db, campaign.id, figures, Number(period.endsOn.slice(0, 4))),
		mayEnterStocks: canFileReport(ctx.actor, unit.path, campaign.id),
		mayVerifyStocks: canReceiveReport(ctx.actor, unit.path, campaign.id),
		adjustments: administers && cutoffAt < now ? adjustmentsOf(db, scope, now) : null
	} as const;
}

/** Each external index's latest year up to the period's, with the unit's and its children's scores, best rank first. */
function externalScoresView(db: AppContext['db'], campaignId: number, figures: Figures, year: number) {
	const named = [figures.unit, ...figures.children.map((c) => ({ id: c.unitId, name: c.name }))];
	return latestScores(
		db,
		campaignId,
		named.map((u) => u.id),
		year
	).map((index) => ({
		code: index.code,
		name: index.name,
		year: index.year,
		rows: named
			.filter((u) => index.scores.has(u.id))
			.map((u) => ({ unitId: u.id, name: u.name, ...index.scores.get(u.id)! }))
			.sort((a, b) => (a.unitId === figures.unit.id ? -1 : b.unitId === figures.unit.id ? 1 : (a.rank ?? Infinity) - (b.rank ?? Infinity)))
	}));
}
