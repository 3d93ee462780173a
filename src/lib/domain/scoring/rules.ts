import { z } from 'zod';
import { CONTRIBUTOR_SUBJECT } from '../contributors';

/**
 * Scoring rules as validated data. A rule prices one activity type: points per approved initiative plus
 * points per `every` units of a measure, credited to the targets it names, capped per subject and year.
 * Evaluation is pure: event snapshot + rule set in, credits out (no clock, no database).
 */
export const CREDIT_TARGETS = ['participants', 'team', 'unit', 'contributors'] as const;
export type CreditTarget = (typeof CREDIT_TARGETS)[number];

/** Largest number of points one initiative can bring one subject under one rule. */
export const MAX_POINTS_PER_INITIATIVE = 100_000;

const integer = (min: number, max: number, label: string) =>
	z
		.number({ error: `${label}: phải là số.` })
		.int({ error: `${label}: phải là số nguyên.` })
		.min(min, { error: `${label}: không được nhỏ hơn ${min}.` })
		.max(max, { error: `${label}: không được lớn hơn ${max.toLocaleString('vi-VN')}.` });

export const ruleSchema = z.strictObject(
	{
		code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, { error: 'Mã quy tắc chỉ gồm chữ in hoa, số và dấu gạch dưới (2-40 ký tự).' }),
		activityTypeId: integer(1, 1_000_000_000, 'Loại hoạt động'),
		basePoints: integer(0, 1000, 'Điểm mỗi sáng kiến'),
		perMeasure: z
			.array(
				z.strictObject(
					{
						measure: z.string().min(1).max(40),
						points: integer(1, 1000, 'Điểm theo kết quả'),
						every: integer(1, 100_000, 'Mỗi bao nhiêu đơn vị')
					},
					{ error: 'Điểm theo kết quả chỉ có các trường measure, points, every.' }
				)
			)
			.max(10),
		credits: z
			.array(
				z.enum(CREDIT_TARGETS, {
					error:
						'Chỉ cộng điểm cho participants (đoàn viên tham gia), team (đội hình), unit (đơn vị và các cấp trên) hoặc contributors (hộ gia đình, tập thể và cá nhân khác tham gia).'
				})
			)
			.min(1, { error: 'Quy tắc phải cộng điểm cho ít nhất một đối tượng.' }),
		caps: z
			.strictObject(
				{
					member: integer(1, 1_000_000, 'Trần điểm đoàn viên').optional(),
					team: integer(1, 1_000_000, 'Trần điểm đội hình').optional(),
					unit: integer(1, 1_000_000, 'Trần điểm đơn vị').optional(),
					contributor: integer(1, 1_000_000, 'Trần điểm hộ gia đình, tập thể và cá nhân khác').optional()
				},
				{ error: 'Trần điểm chỉ áp cho member, team, unit hoặc contributor.' }
			)
			.default({})
	},
	{ error: 'Quy tắc có trường không được phép.' }
);

export const ruleSetSchema = z.strictObject({
	rules: z.array(ruleSchema).min(1, { error: 'Bộ quy tắc cần ít nhất một quy tắc.' }).max(200)
});

export type Rule = z.output<typeof ruleSchema>;
export type RuleSetDefinition = z.output<typeof ruleSetSchema>;

/** What the catalogue offers: for each activity type, its measures and their largest value per initiative. */
export type Catalogue = Map<number, Map<string, number>>;

export type RuleSetCheck = { ok: true; value: RuleSetDefinition } | { ok: false; errors: string[] };

/** Parses and checks a rule set against the activity catalogue; every message is Vietnamese and names the rule. */
export function checkRuleSet(input: unknown, catalogue: Catalogue): RuleSetCheck {
	const parsed = ruleSetSchema.safeParse(input);
	if (!parsed.success) {
		return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
	}
	const errors: string[] = [];
	const codes = new Set<string>();
	for (const rule of parsed.data.rules) {
		if (codes.has(rule.code)) errors.push(`${rule.code}: mã quy tắc bị trùng.`);
		codes.add(rule.code);
		const measures = catalogue.get(rule.activityTypeId);
		if (!measures) {
			errors.push(`${rule.code}: loại hoạt động ${rule.activityTypeId} không có trong danh mục.`);
			continue;
		}
		let most = rule.basePoints;
		for (const m of rule.perMeasure) {
			const max = measures.get(m.measure);
			if (max === undefined) errors.push(`${rule.code}: loại hoạt động này không có kết quả “${m.measure}”.`);
			else most += Math.floor(max / m.every) * m.points;
		}
		if (most > MAX_POINTS_PER_INITIATIVE) {
			errors.push(
				`${rule.code}: một sáng kiến có thể được tới ${most.toLocaleString('vi-VN')} điểm, quá giới hạn ${MAX_POINTS_PER_INITIATIVE.toLocaleString('vi-VN')}.`
			);
		}
		if (rule.basePoints === 0 && rule.perMeasure.length === 0) errors.push(`${rule.code}: quy tắc không cho điểm nào.`);
	}
	return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** An approved initiative as the scoring engine sees it: the event's snapshot plus the unit chain above it. */
export interface ScoringSnapshot {
	activityTypeId: number;
	/** The initiative's unit and every unit above it, root first, with their level ("branch", "district"...). */
	units: Array<{ id: number; path: string; level: string }>;
	teamId: number | null;
	participantIds: number[];
	/** Households and other contributors recorded on the initiative (absent in events from before they existed). */
	contributorIds?: number[];
	measures: Array<{ code: string | null; value: number }>;
}

export interface Credit {
	ruleCode: string;
	/** "member", "team", "contributor", or a unit level such as "branch" or "district". */
	subjectType: string;
	subjectId: number;
	/** Where the subject stood in the tree for this work: boards within any unit on this path count it. */
	scopePath: string;
	points: number;
}

/** Points one initiative earns under a rule, before caps. */
export function rulePoints(rule: Rule, snapshot: ScoringSnapshot): number {
	let points = rule.basePoints;
	for (const m of rule.perMeasure) {
		const value = snapshot.measures.find((x) => x.code === m.measure)?.value ?? 0;
		points += Math.floor(value / m.every) * m.points;
	}
	return points;
}

/** Every credit the rules give for one approved initiative, in a stable order. */
export function evaluate(snapshot: ScoringSnapshot, ruleSet: RuleSetDefinition): Credit[] {
	const own = snapshot.units.at(-1);
	if (!own) return [];
	const credits: Credit[] = [];
	for (const rule of ruleSet.rules) {
		if (rule.activityTypeId !== snapshot.activityTypeId) continue;
		const points = rulePoints(rule, snapshot);
		if (points <= 0) continue;
		if (rule.credits.includes('participants')) {
			for (const id of [...new Set(snapshot.participantIds)].sort((a, b) => a - b)) {
				credits.push({ ruleCode: rule.code, subjectType: 'member', subjectId: id, scopePath: own.path, points });
			}
		}
		if (rule.credits.includes('contributors')) {
			// Like members: they compete within the initiative's unit and every unit above it.
			for (const id of [...new Set(snapshot.contributorIds ?? [])].sort((a, b) => a - b)) {
				credits.push({ ruleCode: rule.code, subjectType: CONTRIBUTOR_SUBJECT, subjectId: id, scopePath: own.path, points });
			}
		}
		if (rule.credits.includes('team') && snapshot.teamId !== null) {
			credits.push({ ruleCode: rule.code, subjectType: 'team', subjectId: snapshot.teamId, scopePath: own.path, points });
		}
		if (rule.credits.includes('unit')) {
			for (const unit of snapshot.units)
				credits.push({ ruleCode: rule.code, subjectType: unit.level, subjectId: unit.id, scopePath: unit.path, points });
		}
	}
	return credits;
}

/** Which cap applies to a subject type. */
export function capFor(rule: Rule, subjectType: string): number | undefined {
	if (subjectType === 'member') return rule.caps.member;
	if (subjectType === 'team') return rule.caps.team;
	if (subjectType === CONTRIBUTOR_SUBJECT) return rule.caps.contributor;
	return rule.caps.unit;
}

/** Award up to the cap: the remainder of the cap, never negative. */
export function capped(points: number, cap: number | undefined, alreadyAwarded: number): number {
	if (cap === undefined) return points;
	return Math.max(0, Math.min(points, cap - alreadyAwarded));
}
