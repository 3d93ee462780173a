import { z } from 'zod';

/**
 * Badges as validated data. Each definition names who can earn it (members, teams, or units of a level) and
 * a condition over approved work; levels (bronze, silver, gold...) are ascending thresholds.
 */
export const BADGE_ICONS = [
	'star',
	'shield',
	'rocket',
	'heart',
	'flag',
	'medal',
	'fire',
	'people',
	'map',
	'crown',
	'phone',
	'book'
] as const;

const subject = z.string().regex(/^[a-z_]{2,30}$/, { error: 'Đối tượng nhận huy hiệu không hợp lệ.' });
const levels = z
	.array(
		z
			.number()
			.int({ error: 'Mức phải là số nguyên.' })
			.min(1, { error: 'Mức phải từ 1 trở lên.' })
			.max(10_000_000, { error: 'Mức quá lớn.' })
	)
	.min(1, { error: 'Cần ít nhất một mức.' })
	.max(5, { error: 'Tối đa 5 mức.' })
	.refine((l) => l.every((v, i) => i === 0 || v > l[i - 1]!), { error: 'Các mức phải tăng dần.' });

export const badgeSpecSchema = z.discriminatedUnion(
	'kind',
	[
		z.strictObject({ kind: z.literal('first'), subject }),
		z.strictObject({ kind: z.literal('measure'), subject, measure: z.string().min(1).max(40), levels }),
		z.strictObject({ kind: z.literal('count'), subject, levels }),
		z.strictObject({ kind: z.literal('streak'), subject, months: z.number().int().min(2).max(60), grace: z.number().int().min(0).max(3) }),
		z.strictObject({ kind: z.literal('teamSize'), minMembers: z.number().int().min(2).max(1000) }),
		z.strictObject({ kind: z.literal('coverage'), subject }),
		z.strictObject({ kind: z.literal('top'), subject, places: z.number().int().min(1).max(10) })
	],
	{ error: 'Loại huy hiệu không hợp lệ.' }
);

export type BadgeSpec = z.output<typeof badgeSpecSchema>;

export const badgeDefinitionSchema = z.strictObject({
	code: z.string().regex(/^[a-z0-9-]{2,40}$/, { error: 'Mã huy hiệu chỉ gồm chữ thường, số và dấu gạch ngang.' }),
	name: z
		.string()
		.min(2)
		.max(80)
		.refine((v) => !/[<>]/.test(v), { error: 'Tên không được chứa < hoặc >.' }),
	howToEarn: z
		.string()
		.min(2)
		.max(300)
		.refine((v) => !/[<>]/.test(v), { error: 'Mô tả không được chứa < hoặc >.' }),
	icon: z.enum(BADGE_ICONS, { error: 'Biểu tượng phải chọn trong bộ có sẵn.' }),
	spec: badgeSpecSchema
});

export type BadgeDefinition = z.output<typeof badgeDefinitionSchema>;

/** The subject type a badge is for ("team" for team-size badges). */
export function badgeSubject(spec: BadgeSpec): string {
	return spec.kind === 'teamSize' ? 'team' : spec.subject;
}

/** How many of the ascending thresholds a value reaches (0 = none). */
export function levelsReached(value: number, thresholds: number[]): number {
	return thresholds.filter((t) => value >= t).length;
}

function monthIndex(month: string): number {
	const [y, m] = month.split('-').map(Number);
	return y! * 12 + (m! - 1);
}

/**
 * The longest run of months with approved work, where up to `grace` missing months in a row do not break
 * the run (they do not count towards it either).
 */
export function longestStreak(months: string[], grace: number): number {
	const sorted = [...new Set(months.map(monthIndex))].sort((a, b) => a - b);
	let best = 0;
	let run = 0;
	let previous: number | null = null;
	for (const m of sorted) {
		run = previous !== null && m - previous - 1 <= grace ? run + 1 : 1;
		best = Math.max(best, run);
		previous = m;
	}
	return best;
}

/** The period code of an award that is not per period (per-year badges are awarded for `Y2026` and so on). */
export const WHOLE_CAMPAIGN = 'ALL';

/** Work an approval adds to a subject: the days it is dated on, and the measures it has a value above zero for. */
export interface AddedWork {
	days: string[];
	measures: string[];
}

/**
 * Whether the added work can earn a subject nothing more under this badge: it already holds every level that work
 * could reach, or the work does not count towards it (a total of a measure the work has no value for). Badges only
 * rise as work is added (more works, larger totals, longer streaks, more children covered), so an approval need not
 * read the history of a subject they cannot move for — at the province's size a branch's or a union's history is
 * thousands of works, read on every approval under it.
 */
export function nothingMoreToEarn(spec: BadgeSpec, held: Array<{ level: number; periodCode: string }>, added: AddedWork): boolean {
	const holds = (level: number, periodCode = WHOLE_CAMPAIGN) => held.some((a) => a.level === level && a.periodCode === periodCode);
	switch (spec.kind) {
		case 'first':
		case 'streak':
			return holds(1);
		case 'count':
			return holds(spec.levels.length);
		case 'measure':
			return holds(spec.levels.length) || !added.measures.includes(spec.measure);
		case 'coverage':
			return added.days.length > 0 && added.days.every((day) => holds(1, `Y${day.slice(0, 4)}`));
		case 'teamSize':
		case 'top':
			return false;
	}
}
