import { z } from 'zod';
import { nameField } from './fields';
import { day } from './campaign';
import { t } from '../i18n';
import { TEAM_KIND_CODE } from '../domain/teams';

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
