/** What an activity type asks a unit to report, and how a typed value is read and checked. */
export interface MeasureSpec {
	id: number;
	code: string;
	label: string;
	unitLabel: string;
	kind: 'integer' | 'decimal';
	min: number;
	max: number;
	required: boolean;
}

export type MeasureProblem = 'required' | 'not_a_number' | 'not_integer' | 'too_precise' | 'below_min' | 'above_max';

const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/; // Vietnamese: 1.234 or 1.234,5
const COMMA_DECIMAL = /^\d{1,15}(?:,\d+)?$/; // 12 or 12,5
const DOT_DECIMAL = /^\d{1,15}\.\d{1,2}$/; // 12.5 from a phone keypad (never three decimals: that is 1.234)

/**
 * Reads a number as people type it in Vietnam ("1.234" is one thousand two hundred thirty-four, "12,5" is
 * twelve and a half). Anything else — negatives, "1e3", "NaN", "∞", spaces inside digits — is refused, not
 * guessed at.
 */
export function parseVietnameseNumber(raw: string): number | null {
	const signed = raw.trim().replace(/\u00a0/g, '');
	// A minus sign is read (so "-5" is refused as below the minimum, not as "not a number"), never a plus.
	const negative = /^[-\u2212]/.test(signed);
	const text = negative ? signed.slice(1) : signed;
	if (text.length === 0 || text.length > 24) return null;
	let normalised: string;
	if (GROUPED.test(text)) normalised = text.replace(/\./g, '').replace(',', '.');
	else if (COMMA_DECIMAL.test(text)) normalised = text.replace(',', '.');
	else if (DOT_DECIMAL.test(text)) normalised = text;
	else return null;
	const value = Number(normalised);
	return Number.isFinite(value) ? (negative ? -value : value) : null;
}

export type MeasureCheck = { ok: true; value: number | null } | { ok: false; problem: MeasureProblem };

export function checkMeasure(raw: string | null | undefined, spec: MeasureSpec): MeasureCheck {
	const text = (raw ?? '').trim();
	if (text === '') return spec.required ? { ok: false, problem: 'required' } : { ok: true, value: null };
	const value = parseVietnameseNumber(text);
	if (value === null) return { ok: false, problem: 'not_a_number' };
	if (spec.kind === 'integer' && !Number.isInteger(value)) return { ok: false, problem: 'not_integer' };
	if (spec.kind === 'decimal' && Math.round(value * 100) !== value * 100) return { ok: false, problem: 'too_precise' };
	if (value < spec.min) return { ok: false, problem: 'below_min' };
	if (value > spec.max) return { ok: false, problem: 'above_max' };
	return { ok: true, value };
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A review hint, not a rule: flags a value far above what this unit usually reports for the same measure
 * (five times its median, and by more than 20), once there are at least three approved values to compare.
 */
export function isFarAboveUsual(value: number, approvedHistory: number[]): boolean {
	if (approvedHistory.length < 3) return false;
	const usual = median(approvedHistory);
	return value > usual * 5 && value - usual > 20;
}

/** How two measures of one initiative must compare: "applied ideas ≤ ideas" is `{ rule: 'lte', left: 'applied', right: 'ideas' }`. */
export const CROSS_RULES = ['lte', 'lt', 'gte', 'gt'] as const;
export interface CrossMeasureRule {
	rule: (typeof CROSS_RULES)[number];
	left: string;
	right: string;
}

const HOLDS: Record<CrossMeasureRule['rule'], (a: number, b: number) => boolean> = {
	lte: (a, b) => a <= b,
	lt: (a, b) => a < b,
	gte: (a, b) => a >= b,
	gt: (a, b) => a > b
};

/**
 * The first cross-measure rule the values break, or null. A rule with a side left blank (an optional
 * measure not reported) has nothing to compare and holds.
 */
export function brokenCrossRule(values: ReadonlyMap<string, number>, rules: readonly CrossMeasureRule[]): CrossMeasureRule | null {
	for (const rule of rules) {
		const left = values.get(rule.left);
		const right = values.get(rule.right);
		if (left === undefined || right === undefined) continue;
		if (!HOLDS[rule.rule](left, right)) return rule;
	}
	return null;
}
