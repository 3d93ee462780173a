import { z } from 'zod';
import { nameField, parseForm, type FieldErrors, type Parsed } from './fields';
import { t } from '../i18n';
import { CROSS_RULES, parseVietnameseNumber } from '../domain/initiatives/measures';

/** Blank measure rows of the form that adds a type; the edit form shows the type's measures and two blank rows. */
export const MEASURE_ROWS = 3;
/** A campaign file's limits on one activity type (format.ts): the forms never offer more rows. */
export const MEASURES_MAX = 10;
export const RULES_MAX = 10;
/** The largest `max` a campaign file accepts (format.ts). */
export const MEASURE_MAX_LIMIT = 1_000_000_000;

const number = (field: string) =>
	z.string().transform((v, ctx) => {
		const n = parseVietnameseNumber(v);
		if (n === null) {
			ctx.addIssue({ code: 'custom', message: t('activity.badNumber', { field }) });
			return z.NEVER;
		}
		return n;
	});
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on');
/** Empty, or a code as a campaign file writes it. */
const optional = (pattern: RegExp) =>
	z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.union([z.literal(''), z.string().regex(pattern, t('validation.invalidChoice'))]));
const measureCode = optional(/^[a-z][a-z0-9_]{0,39}$/);

/** The type itself: `id` empty adds one. The content area is named by its code, as in the campaign file. */
export const activityTypeSchema = z.object({
	id: optional(/^[1-9]\d{0,15}$/).transform((v) => (v ? Number(v) : null)),
	name: nameField('activity.name', 200),
	area: z
		.string({ error: t('validation.invalidChoice') })
		.trim()
		.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, t('validation.invalidChoice'))
});

/** One measure row; `code` names a measure the type has (empty: a new one, its code taken from the label). */
export const measureRowSchema = z
	.object({
		code: measureCode,
		remove: checkbox,
		label: nameField('activity.measureLabel', 80),
		unitLabel: nameField('activity.unitLabel', 40),
		kind: z.enum(['integer', 'decimal'], { error: t('validation.invalidChoice') }),
		min: number(t('activity.min')),
		max: number(t('activity.max')),
		required: checkbox
	})
	.refine((m) => m.min >= 0 && m.min <= m.max && m.max > 0 && m.max <= MEASURE_MAX_LIMIT, { message: t('activity.range'), path: ['max'] })
	.refine((m) => m.kind === 'decimal' || (Number.isInteger(m.min) && Number.isInteger(m.max)), {
		message: t('activity.integerBounds'),
		path: ['max']
	});

/** One cross-measure rule row: "left rule right" on measure codes; a row without a left measure is no rule. */
export const crossRuleRowSchema = z.object({
	left: measureCode,
	rule: z.enum(CROSS_RULES, { error: t('validation.invalidChoice') }),
	right: measureCode
});

export type MeasureRow = z.output<typeof measureRowSchema> & { row: number };
export type CrossRuleRow = z.output<typeof crossRuleRowSchema> & { row: number };
export type ActivityTypeForm = z.output<typeof activityTypeSchema> & { measures: MeasureRow[]; rules: CrossRuleRow[] };

function row(form: FormData, prefix: string, keys: readonly string[]): FormData {
	const out = new FormData();
	for (const key of keys) {
		const v = form.get(`${prefix}${key}`);
		if (typeof v === 'string') out.set(key, v);
	}
	return out;
}

/**
 * The activity type form: the type's fields, then the measure rows `m0_label`… and the rule rows `r0_left`…
 * A measure row with neither a label nor a code is a blank row and is skipped; errors come back as `m2_max`.
 */
export function parseActivityTypeForm(form: FormData): Parsed<ActivityTypeForm> {
	const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
	const type = parseForm(activityTypeSchema, form);
	const errors: FieldErrors = type.ok ? {} : { ...type.errors };
	const measures: MeasureRow[] = [];
	for (let i = 0; i < MEASURES_MAX; i++) {
		const fields = row(form, `m${i}_`, Object.keys(measureRowSchema.shape));
		if (!String(fields.get('label') ?? '').trim() && !String(fields.get('code') ?? '').trim()) continue;
		const m = parseForm(measureRowSchema, fields);
		if (m.ok) measures.push({ ...m.data, row: i });
		else for (const [k, message] of Object.entries(m.errors)) errors[`m${i}_${k}`] = message;
	}
	const rules: CrossRuleRow[] = [];
	for (let j = 0; j < RULES_MAX; j++) {
		const fields = row(form, `r${j}_`, Object.keys(crossRuleRowSchema.shape));
		if (!String(fields.get('left') ?? '').trim()) continue;
		const r = parseForm(crossRuleRowSchema, fields);
		if (r.ok) rules.push({ ...r.data, row: j });
		else for (const [k, message] of Object.entries(r.errors)) errors[`r${j}_${k}`] = message;
	}
	if (!measures.some((m) => !m.remove) && !Object.keys(errors).some((k) => k.startsWith('m'))) errors.m0_label = t('activity.needMeasure');
	if (!type.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, data: { ...type.data, measures, rules }, values };
}
