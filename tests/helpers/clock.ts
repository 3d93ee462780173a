/**
 * The test suite's one clock. Services take `now` (ServiceContext.now), and every test that needs time gets
 * it from here — contextFor() defaults to NOW, and data is dated relative to it — so no verdict depends on the
 * day the suite runs. The wall clock is only for what is not test data: unique names (process.pid and
 * crypto.randomUUID()) and elapsed time (performance.now()). tests/architecture/wall-clock.test.ts holds the
 * test files to that.
 *
 * Servers the tests spawn read the real clock: what a test prepares for them uses fixed dates inside a
 * fixed period (see tests/helpers/live.ts), never "today".
 */
import { isoDay } from '../../src/lib/format';

/** 25/11/2026 10:00 in Điện Biên (03:00 UTC): inside the fixtures' periods Y2026 and phase II. */
export const NOW = Date.UTC(2026, 10, 25, 3);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The instant `n` days before `from` (NOW unless given). */
export function daysBefore(n: number, from = NOW): number {
	return from - n * DAY_MS;
}

/** The instant `n` days after `from` (NOW unless given). */
export function daysAfter(n: number, from = NOW): number {
	return from + n * DAY_MS;
}

/** The calendar day of an instant in Vietnam ("YYYY-MM-DD"), the form activity dates and memberships take. */
export function dayOf(ms: number): string {
	return isoDay(ms);
}

/** NOW's calendar day: "2026-11-25". */
export const TODAY = dayOf(NOW);
