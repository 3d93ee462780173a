import { z } from 'zod';
import { idField, nameField } from './fields';
import { t } from '../i18n';
import { parseVietnameseNumber } from '../domain/initiatives/measures';

export const MEASURE_ROWS = 3;

const number = (field: string) =>
	z.string().transform((v, ctx) => {
		const n = parseVietnameseNumber(v);
		if (n === null) {
			ctx.addIssue({ code: 'custom', message: t('activity.badNumber', { field }) });
			return z.NEVER;
		}
		return n;
	});

export const activityTypeSchema = z.object({
	name: nameField('activity.name', 160),
	contentAreaId: idField
});

/** One measure row of the form; a row whose label is empty is ignored. */
export const measureRowSchema = z
	.object({
		label: nameField('activity.measureLabel', 80),
		unitLabel: nameField('activity.unitLabel', 30),
		kind: z.enum(['integer', 'decimal'], { error: t('validation.invalidChoice') }),
		min: number(t('activity.min')),
		max: number(t('activity.max')),
		required: z
			.literal('on')
			.optional()
			.transform((v) => v === 'on')
	})
	.refine((m) => m.max > m.min && m.max <= 1_000_000, { message: t('activity.range'), path: ['max'] });
