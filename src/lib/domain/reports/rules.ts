import { NARRATIVE_SECTIONS, type Narrative } from './types';
import { endOfVietnamDay } from '../figures/cutoff';
import { currentYearPeriod, shiftDay } from '../scoring/periods';

/** Longest narrative section accepted: about eight pages of a report, far more than any section of 003. */
export const NARRATIVE_MAX_CHARS = 20_000;

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The day a unit's report for a period is due: the campaign file's `reportDeadlines` entry naming the unit's
 * level in `levels` (Ta Ma: agencies and bản report to the commune by 05/11, the commune to the district by
 * 27/11), else the campaign's `reportDueOn`; in the year the period ends.
 */
export function reportDueDay(
	entries: ReadonlyArray<Record<string, unknown>> | null,
	fallback: string,
	unitLevel: string,
	periodEndsOn: string
): string {
	const entry = (entries ?? []).find(
		(e) => Array.isArray(e.levels) && e.levels.includes(unitLevel) && typeof e.dueOn === 'string' && MONTH_DAY.test(e.dueOn)
	);
	const monthDay = entry ? (entry.dueOn as string) : fallback;
	return `${periodEndsOn.slice(0, 4)}-${monthDay}`;
}

/** Whether a report sent at `at` came by the end of its due day in Vietnam. */
export function onTime(dueDay: string, at: number): boolean {
	return at <= endOfVietnamDay(dueDay);
}

export type DueState = { kind: 'submitted'; onTime: boolean } | { kind: 'late'; days: number } | { kind: 'due'; days: number };

/** Reports are recalled under the bell from this many days before their deadline (and every day they are late). */
export const REMIND_DAYS = 14;

/** Whether a report still owed is due soon enough, or late, to be recalled. */
export function needsReminder(state: DueState): boolean {
	return state.kind === 'late' || (state.kind === 'due' && state.days <= REMIND_DAYS);
}

/** What the submissions board says of a unit's report: sent (on time or late), overdue, or due in N days. */
export function dueState(dueDay: string, today: string, submitted: { at: number } | null): DueState {
	if (submitted) return { kind: 'submitted', onTime: onTime(dueDay, submitted.at) };
	const days = Math.round((Date.parse(dueDay) - Date.parse(today)) / 86_400_000);
	return days < 0 ? { kind: 'late', days: -days } : { kind: 'due', days };
}

export function emptyNarrative(): Narrative {
	return Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, ''])) as Narrative;
}

export type NarrativeRead = { ok: true; narrative: Narrative } | { ok: false; tooLong: NarrativeSectionList };
type NarrativeSectionList = Array<(typeof NARRATIVE_SECTIONS)[number]>;

/** The five sections as typed (line ends normalised, outer spaces trimmed); sections over the limit are named. */
export function readNarrative(input: Partial<Record<string, unknown>>): NarrativeRead {
	const narrative = emptyNarrative();
	const tooLong: NarrativeSectionList = [];
	for (const section of NARRATIVE_SECTIONS) {
		const raw = input[section];
		const text = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').trim() : '';
		if (text.length > NARRATIVE_MAX_CHARS) tooLong.push(section);
		narrative[section] = text;
	}
	return tooLong.length > 0 ? { ok: false, tooLong } : { ok: true, narrative };
}

/**
 * What a report is: the yearly report, the mid-term review (sơ kết) of a phase, the final review (tổng kết) of the
 * phase that ends the campaign, the report of a short campaign (chiến dịch hè), or an answer to an ad hoc request.
 */
export type ReportKind = 'yearly' | 'midterm' | 'final' | 'campaign' | 'request';

export function reportKind(period: { kind: 'year' | 'phase' | 'campaign'; endsOn: string }, campaignEndsOn: string): ReportKind {
	if (period.kind === 'year') return 'yearly';
	if (period.kind === 'campaign') return 'campaign';
	return period.endsOn >= campaignEndsOn ? 'final' : 'midterm';
}

/** A phase or short campaign is reported on from its last year until this long after it ended. */
const LATE_REPORT_DAYS = 120;

/**
 * The periods a unit reports on today: the current year (else the last one begun), and each phase or short
 * campaign in the year it ends or up to 120 days after it ended.
 */
export function periodsToReport<P extends { kind: 'year' | 'phase' | 'campaign'; startsOn: string; endsOn: string }>(
	periods: readonly P[],
	today: string
): P[] {
	const year = currentYearPeriod(periods, today);
	const until = (p: P) => shiftDay(p.endsOn, LATE_REPORT_DAYS);
	const others = periods
		.filter((p) => p.kind !== 'year' && p.startsOn <= today && p.endsOn.slice(0, 4) <= today.slice(0, 4) && today <= until(p))
		.sort((a, b) => a.endsOn.localeCompare(b.endsOn));
	return [...(year ? [year] : []), ...others];
}

/** Longest reason the level above gives when it sends a report or a registration back. */
export const RETURN_REASON_MAX = 2000;

/** A return reason as typed: required (the unit must know what to fix), at most 2,000 characters, line ends unified. */
export function readReturnReason(raw: string): { ok: true; text: string } | { ok: false; problem: 'required' | 'tooLong' } {
	const text = raw.replace(/\r\n?/g, '\n').trim();
	if (text === '') return { ok: false, problem: 'required' };
	if (text.length > RETURN_REASON_MAX) return { ok: false, problem: 'tooLong' };
	return { ok: true, text };
}
