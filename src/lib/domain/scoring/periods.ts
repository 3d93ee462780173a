/**
 * Periods are data: calendar years, the campaign's phases and ad-hoc drives, as inclusive date ranges in
 * Vietnam's calendar ("YYYY-MM-DD"), so an activity's date decides its periods without any clock.
 */
export const PERIOD_STATUSES = ['open', 'closing', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export interface PeriodRange {
	code: string;
	startsOn: string;
	endsOn: string;
	status: PeriodStatus;
}

export function contains(period: Pick<PeriodRange, 'startsOn' | 'endsOn'>, day: string): boolean {
	return period.startsOn <= day && day <= period.endsOn;
}

export function periodsOn<P extends PeriodRange>(periods: P[], day: string): P[] {
	return periods.filter((p) => contains(p, day));
}

export type PeriodStep = 'startClosing' | 'close' | 'reopen';

const STEPS: Record<PeriodStep, { from: readonly PeriodStatus[]; to: PeriodStatus }> = {
	startClosing: { from: ['open'], to: 'closing' },
	close: { from: ['open', 'closing'], to: 'closed' },
	reopen: { from: ['closed', 'closing'], to: 'open' }
};

export function nextPeriodStatus(status: PeriodStatus, step: PeriodStep): PeriodStatus | null {
	return STEPS[step].from.includes(status) ? STEPS[step].to : null;
}

/** The calendar-year key of a day: caps count per subject per year of the activity. */
export function yearOf(day: string): string {
	return day.slice(0, 4);
}

/** The year period that contains today, else the last one begun: the year people report and register for. */
export function currentYearPeriod<P extends { kind: string; startsOn: string; endsOn: string }>(
	periods: readonly P[],
	today: string
): P | undefined {
	const years = periods.filter((p) => p.kind === 'year').sort((a, b) => a.startsOn.localeCompare(b.startsOn));
	return years.find((p) => p.startsOn <= today && today <= p.endsOn) ?? years.filter((p) => p.startsOn <= today).at(-1);
}

/** The day `days` after an ISO day (before it when negative). */
export function shiftDay(day: string, days: number): string {
	return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}
