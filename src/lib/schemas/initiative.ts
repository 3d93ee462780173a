import { z } from 'zod';
import { idField, nameField } from './fields';
import { t } from '../i18n';
import { normaliseStory } from '../domain/initiatives/story';

export const STORY_MAX = 10_000;
const isoDate = z
	.string({ error: t('validation.invalidDate') })
	.regex(/^\d{4}-\d{2}-\d{2}$/, t('validation.invalidDate'))
	.refine((v) => !Number.isNaN(Date.parse(v)), t('validation.invalidDate'));

/** The text part of an initiative form; measures, participants and photos are checked against the catalogue by the service. */
export const initiativeSchema = z
	.object({
		unitId: idField,
		teamId: z
			.union([z.literal(''), idField])
			.optional()
			.transform((v) => (v === '' || v === undefined ? null : v)),
		activityTypeId: idField,
		title: nameField('initiative.titleField', 160),
		story: z
			.string({ error: t('validation.required', { field: t('initiative.story') }) })
			.transform(normaliseStory)
			.refine((v) => v.length > 0, t('validation.required', { field: t('initiative.story') }))
			.refine((v) => [...v].length <= STORY_MAX, t('validation.tooLong', { field: t('initiative.story'), max: STORY_MAX })),
		startedOn: isoDate,
		endedOn: z
			.union([z.literal(''), isoDate])
			.optional()
			.transform((v) => v || null),
		place: nameField('initiative.place', 160),
		photosShowChildren: z
			.literal('on')
			.optional()
			.transform((v) => v === 'on')
	})
	.refine((v) => v.endedOn === null || v.endedOn >= v.startedOn, { message: t('validation.dateOrder'), path: ['endedOn'] });

export type InitiativeText = z.output<typeof initiativeSchema>;

/** Ids from repeated form fields (checkboxes): positive integers only, de-duplicated, bounded. */
export function idList(form: FormData, key: string, max: number): number[] | null {
	const raw = form.getAll(key).filter((v): v is string => typeof v === 'string');
	if (raw.length > max) return null;
	const ids = new Set<number>();
	for (const v of raw) {
		if (!/^[1-9]\d{0,15}$/.test(v)) return null;
		ids.add(Number(v));
	}
	return [...ids];
}
