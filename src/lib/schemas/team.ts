import { z } from 'zod';
import { idField, nameField } from './fields';
import { t } from '../i18n';
import { normaliseLine } from '../text';
import { TEAM_KIND_CODE } from '../domain/teams';

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, t('validation.invalidDate'))
	.refine((v) => !Number.isNaN(Date.parse(v)), t('validation.invalidDate'));

/** "One per line" lists (served places, helpers' names): each a short plain name. */
function lines(fieldKey: Parameters<typeof t>[0], maxLines: number, maxLength: number) {
	const field = t(fieldKey);
	return z
		.string()
		.optional()
		.transform((v) => (v ?? '').split('\n').map(normaliseLine).filter(Boolean))
		.refine((list) => list.length <= maxLines, t('validation.tooManyLines', { field, max: maxLines }))
		.refine((list) => list.every((l) => [...l].length <= maxLength), t('validation.tooLong', { field, max: maxLength }))
		.refine((list) => list.every((l) => !/[<>]/.test(l)), t('validation.angleBrackets', { field }));
}

export const teamSchema = z
	.object({
		name: nameField('team.name', 120),
		// Which codes exist is the campaign's (teams/service.ts checks it); the form only sees the shape.
		kind: z.string({ error: t('validation.invalidChoice') }).regex(TEAM_KIND_CODE, t('validation.invalidChoice')),
		unitId: idField,
		leaderId: idField,
		servedPlaces: lines('team.servedPlaces', 30, 80),
		helpers: lines('team.helpers', 50, 60),
		activeFrom: isoDate,
		activeTo: z
			.union([z.literal(''), isoDate])
			.optional()
			.transform((v) => v || null)
	})
	.refine((v) => v.activeTo === null || v.activeTo >= v.activeFrom, { message: t('validation.dateOrder'), path: ['activeTo'] });
