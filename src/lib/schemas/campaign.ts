import { z } from 'zod';
import { nameField, optionalNameField } from './fields';
import { t } from '../i18n';

export const day = z
	.string({ error: t('validation.invalidDate') })
	.regex(/^\d{4}-\d{2}-\d{2}$/, t('validation.invalidDate'))
	.refine((v) => {
		const [y, m, d] = v.split('-').map(Number);
		const date = new Date(Date.UTC(y!, m! - 1, d!));
		return date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
	}, t('validation.invalidDate'));

/** The campaign basics form (/quan-tri/phong-trao); the rest of a campaign is edited through its file. */
export const campaignBasicsSchema = z
	.object({
		name: nameField('campaignForm.name', 200),
		theme: nameField('campaignForm.theme', 300),
		startsOn: day,
		endsOn: day,
		standingOffice: optionalNameField('campaignForm.standingOffice', 300),
		member: nameField('campaignForm.member', 80),
		branch: nameField('campaignForm.branch', 80),
		secretary: nameField('campaignForm.secretary', 80),
		admin: nameField('campaignForm.admin', 120),
		homeText: z
			.string()
			.optional()
			.transform((v) => (v ?? '').trim().replace(/\r\n/g, '\n'))
			.refine((v) => [...v].length <= 1000, t('validation.tooLong', { field: t('campaignForm.homeText'), max: 1000 }))
			.refine((v) => !/[<>]/.test(v), t('validation.angleBrackets', { field: t('campaignForm.homeText') }))
	})
	.refine((v) => v.endsOn >= v.startsOn, { message: t('validation.dateOrder'), path: ['endsOn'] });

export type CampaignBasics = z.output<typeof campaignBasicsSchema>;
