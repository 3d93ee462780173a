import type { Figures } from '../figures/types';
import { parseVietnameseNumber } from '../initiatives/measures';
import type { StockIndicator } from '../figures/stocks';
import { currentYearPeriod } from '../scoring/periods';

/**
 * Targets (chỉ tiêu) a unit registers for a period: one number per indicator, where an indicator is the count
 * of approved works (`works`) or a measure of an activity type (`${activityTypeCode}.${measureCode}`, the key
 * figures use). The level above accepts or returns the registration; progress is the figures' approved total
 * of the same indicator against it.
 */
export type TargetValues = Record<string, number>;

export const WORKS_INDICATOR = 'works';
/** Stock indicators are keyed `stock.<code>`: their actual is the latest value, not a sum. */
export const STOCK_PREFIX = 'stock.';

/** No unit of the province plans more than this of anything; a bigger number is a typing slip. */
export const TARGET_MAX = 10_000_000;

export interface Indicator {
	key: string;
	/** The content area and activity type it belongs to; null for the works count. */
	group: string | null;
	label: string;
	unitLabel: string;
	kind: 'integer' | 'decimal';
}

/**
 * The indicators a unit can register in a campaign, in the figures' order — the works count first, the stock
 * indicators (territorial KPIs: a share of households paying cashless by 2030) last.
 */
export function indicatorsOf(
	figures: Pick<Figures, 'measures'>,
	works: { label: string; unitLabel: string },
	stocks: ReadonlyArray<Pick<StockIndicator, 'code' | 'label' | 'unitLabel'>> = [],
	stockGroup = ''
): Indicator[] {
	return [
		{ key: WORKS_INDICATOR, group: null, label: works.label, unitLabel: works.unitLabel, kind: 'integer' },
		...figures.measures.map((m) => ({
			key: `${m.activityTypeCode}.${m.measureCode}`,
			group: `${m.contentAreaName} · ${m.activityTypeName}`,
			label: m.label,
			unitLabel: m.unitLabel,
			kind: m.kind
		})),
		...stocks.map((s) => ({
			key: `${STOCK_PREFIX}${s.code}`,
			group: stockGroup,
			label: s.label,
			unitLabel: s.unitLabel,
			kind: 'decimal' as const
		}))
	];
}

/** The actual of an indicator: the figures' approved total, or for a stock indicator its latest value (`stocks` by code). */
export function actualOf(
	figures: Pick<Figures, 'measures' | 'works'>,
	key: string,
	stocks: ReadonlyMap<string, number> = new Map()
): number {
	if (key === WORKS_INDICATOR) return figures.works.approved;
	if (key.startsWith(STOCK_PREFIX)) return stocks.get(key.slice(STOCK_PREFIX.length)) ?? 0;
	const m = figures.measures.find((f) => `${f.activityTypeCode}.${f.measureCode}` === key);
	return m ? m.approved : 0;
}

export type TargetProblem = 'notNumber' | 'negative' | 'tooLarge' | 'notWhole' | 'unknown';

export type ReadTargets =
	{ ok: true; values: TargetValues } | { ok: false; problems: Record<string, TargetProblem>; echo: Record<string, string> };

/**
 * The registration form's fields read strictly: blank leaves an indicator without target, anything else must be
 * a number in [0, TARGET_MAX] — whole for integer measures, read as people type it ("1.500", "2,5"). A field that names no indicator is refused (a stale form or a forged one), never ignored.
 */
export function readTargets(fields: Record<string, string>, indicators: readonly Indicator[]): ReadTargets {
	const byKey = new Map(indicators.map((i) => [i.key, i]));
	const values: TargetValues = {};
	const problems: Record<string, TargetProblem> = {};
	for (const [key, raw] of Object.entries(fields)) {
		const indicator = byKey.get(key);
		if (!indicator) {
			problems[key] = 'unknown';
			continue;
		}
		const text = raw.trim();
		if (text === '') continue;
		const value = parseVietnameseNumber(text);
		if (value === null) problems[key] = 'notNumber';
		else if (value < 0) problems[key] = 'negative';
		else if (value > TARGET_MAX) problems[key] = 'tooLarge';
		else if (indicator.kind === 'integer' && !Number.isInteger(value)) problems[key] = 'notWhole';
		else values[key] = value;
	}
	return Object.keys(problems).length === 0 ? { ok: true, values } : { ok: false, problems, echo: fields };
}

export interface Progress {
	actual: number;
	target: number;
	/** Whole percent, floored (99.6% is not yet 100%), capped at 999 for display. */
	percent: number;
	reached: boolean;
}

export function progressOf(actual: number, target: number): Progress {
	const percent = target === 0 ? 100 : Math.min(999, Math.floor((actual / target) * 100));
	return { actual, target, percent, reached: actual >= target };
}

/** Every indicator with a target, in the indicators' order, with its progress in the figures. */
export function progressRows(
	indicators: readonly Indicator[],
	targets: TargetValues,
	figures: Pick<Figures, 'measures' | 'works'>,
	stocks: ReadonlyMap<string, number> = new Map()
): Array<Indicator & Progress> {
	return indicators.flatMap((i) => {
		const target = targets[i.key];
		return target === undefined ? [] : [{ ...i, ...progressOf(actualOf(figures, i.key, stocks), target) }];
	});
}

/**
 * The periods a unit registers targets for today: the current year (else the last one begun) and each phase
 * under way (the 2030 targets of phase II), in that order.
 */
export function periodsToRegister<P extends { kind: 'year' | 'phase' | 'campaign'; startsOn: string; endsOn: string }>(
	periods: readonly P[],
	today: string
): P[] {
	const year = currentYearPeriod(periods, today);
	const phases = periods.filter((p) => p.kind === 'phase' && p.startsOn <= today && today <= p.endsOn);
	return [...(year ? [year] : []), ...phases];
}
