/** Vietnam keeps UTC+7 all year: a day there ends at 17:00 UTC. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CutoffRead = { ok: true; day: string; at: number } | { ok: false; problem: 'malformed' | 'future' | 'beforeStart' };

/** The last millisecond of a Vietnamese calendar day 'YYYY-MM-DD'. */
export function endOfVietnamDay(day: string): number {
	return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + DAY_MS - VIETNAM_OFFSET_MS - 1;
}

/**
 * The cut-off a person asked for ("số liệu tính đến ngày"): the end of that day, refused when it is not a real
 * day, lies in the future (figures of days not yet lived would only look final) or before `earliest`.
 * An empty value means "now".
 */
/** 'YYYY-MM-DD' naming a day that exists (not 2026-02-31). */
export function isRealDay(day: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return false;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function readCutoff(raw: string | null, now: number, today: string, earliest: string): CutoffRead {
	if (raw === null || raw.trim() === '') return { ok: true, day: today, at: now };
	const day = raw.trim();
	if (!isRealDay(day)) return { ok: false, problem: 'malformed' };
	if (day > today) return { ok: false, problem: 'future' };
	if (day < earliest) return { ok: false, problem: 'beforeStart' };
	return day === today ? { ok: true, day, at: now } : { ok: true, day, at: endOfVietnamDay(day) };
}
