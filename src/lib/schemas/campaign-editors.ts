import { z } from 'zod';
import { nameField } from './fields';
import { day } from './campaign';
import { t } from '../i18n';
import { TEAM_KIND_CODE } from '../domain/teams';
import { AWARD_SUBJECTS, type AwardForm, type AwardQuota, type AwardSubject } from '../domain/awards/forms';

/** Codes as a campaign file writes them (format.ts): periods and content areas. */
const code = z
	.string({ error: t('campaignEdit.codeFormat') })
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, t('campaignEdit.codeFormat'));
const optionalCode = z
	.string()
	.optional()
	.transform((v) => (v ?? '').trim())
	.pipe(z.union([z.literal(''), code]));
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');
const whole = (min: number, max: number) =>
	z
		.string({ error: t('campaignEdit.wholeNumber', { min, max }) })
		.trim()
		.regex(/^\d{1,3}$/, t('campaignEdit.wholeNumber', { min, max }))
		.transform(Number)
		.refine((n) => n >= min && n <= max, t('campaignEdit.wholeNumber', { min, max }));

/** Add a period (`original` empty) or edit the one whose code is `original` (its code stays). */
export const periodFormSchema = z
	.object({
		original: optionalCode,
		code,
		name: nameField('campaignEdit.periodName', 120),
		kind: z.enum(['year', 'phase', 'campaign'], { error: t('validation.invalidChoice') }),
		startsOn: day,
		endsOn: day
	})
	.refine((v) => v.endsOn >= v.startsOn, { message: t('validation.dateOrder'), path: ['endsOn'] });
export type PeriodForm = z.output<typeof periodFormSchema>;

/** Add a content area (under `parent` for a sub-area) or rename the one whose code is `original`. */
export const areaFormSchema = z.object({
	original: optionalCode,
	code,
	name: nameField('campaignEdit.areaName', 300),
	parent: optionalCode
});
export type AreaForm = z.output<typeof areaFormSchema>;

export const areaDeleteSchema = z.object({ code });

/** One installation level's place in the campaign: taking part or not, its label, rank, boards and order. */
export const campaignLevelSchema = z.object({
	code: z.string().regex(/^[a-z_]{2,30}$/, t('validation.invalidChoice')),
	included: checkbox,
	label: nameField('campaignEdit.levelLabel', 80),
	rank: whole(1, 20),
	boards: checkbox,
	position: whole(1, 20)
});
export type CampaignLevelForm = z.output<typeof campaignLevelSchema>;

/** A new level of the installation's tree ("hộ gia đình", "hợp tác xã"). */
export const unitLevelSchema = z.object({
	code: z
		.string({ error: t('campaignEdit.levelCode') })
		.trim()
		.regex(/^[a-z_]{2,30}$/, t('campaignEdit.levelCode')),
	label: nameField('campaignEdit.levelLabel', 80),
	rank: whole(1, 20)
});
export type UnitLevelForm = z.output<typeof unitLevelSchema>;

/** Codes of team kinds as the campaign file writes them (domain/teams.ts). */
const teamKindCode = z
	.string({ error: t('campaignEdit.teamKindCode') })
	.trim()
	.regex(TEAM_KIND_CODE, t('campaignEdit.teamKindCode'));

/** Add a team kind (`original` empty) or rename the one whose code is `original` (its code stays). */
export const teamKindFormSchema = z.object({
	original: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.union([z.literal(''), teamKindCode])),
	code: teamKindCode,
	label: nameField('campaignEdit.teamKindLabel', 120)
});
export type TeamKindForm = z.output<typeof teamKindFormSchema>;

export const teamKindDeleteSchema = z.object({ code: teamKindCode });

/** The level teams enrol from; empty is the rule from before campaign files (the ancestor at depth 1). */
export const enrolLevelSchema = z.object({
	level: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.pipe(z.union([z.literal(''), z.string().regex(/^[a-z_]{2,30}$/, t('validation.invalidChoice'))]))
});

/** The award form editor's fields: `subject.<kind>` and `periods` checkboxes, `quota.<period>.<limit>` numbers, criteria one per line. */
export function readAwardFormFields(
	form: FormData
): { ok: true; data: AwardForm & { original: string } } | { ok: false; errors: Record<string, string> } {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const errors: Record<string, string> = {};
	const quotas: AwardQuota[] = [];
	const byPeriod = new Map<string, AwardQuota>();
	for (const [name, raw] of form) {
		const match = /^quota\.([A-Za-z0-9._-]{1,40})\.(total|collective|individual|household)$/.exec(name);
		if (!match || typeof raw !== 'string' || raw.trim() === '') continue;
		const [, period, limit] = match as unknown as [string, string, 'total' | AwardSubject];
		if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > 10_000) {
			errors[name] = t('campaignEdit.wholeNumber', { min: 0, max: 10_000 });
			continue;
		}
		if (!byPeriod.has(period)) {
			const quota: AwardQuota = { period };
			byPeriod.set(period, quota);
			quotas.push(quota);
		}
		byPeriod.get(period)![limit] = Number(raw);
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		data: {
			original: text('original').trim(),
			code: text('code').trim(),
			name: text('name').trim(),
			grantingBody: text('grantingBody').trim(),
			subjects: AWARD_SUBJECTS.filter((s) => form.get(`subject.${s}`) === 'on'),
			periods: form.getAll('periods').filter((p): p is string => typeof p === 'string'),
			quotas,
			criteria: text('criteria')
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter((line) => line !== ''),
			oncePerYear: form.get('oncePerYear') === 'on'
		}
	};
}
