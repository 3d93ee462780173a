import { initiativeSchema, idList } from '../../schemas/initiative';
import { parseForm } from '../../schemas/fields';
import { PHOTOS_PER_INITIATIVE } from '../photos/pipeline';
import { t } from '../../i18n';
import type { InitiativeInput } from './service';
import type { Upload } from './photos';
import { PARTICIPANTS_MAX } from './service';

export type FormRead =
	| { ok: true; input: InitiativeInput; uploads: Upload[]; values: Record<string, string>; participantIds: number[] }
	| { ok: false; errors: Record<string, string>; values: Record<string, string>; participantIds: number[] };

/** Reads the initiative form: the schema's text fields, `measure_<id>` values, participant checkboxes and photo files. */
export async function readInitiativeForm(form: FormData): Promise<FormRead> {
	const parsed = parseForm(initiativeSchema, form);
	const measures: Record<number, string> = {};
	for (const [key, value] of form.entries()) {
		const match = /^measure_([1-9]\d{0,9})$/.exec(key);
		if (match && typeof value === 'string') measures[Number(match[1])] = value.slice(0, 40);
	}
	const values = { ...parsed.values, ...Object.fromEntries(Object.entries(measures).map(([id, v]) => [`measure_${id}`, v])) };
	const participantIds = idList(form, 'participantIds', PARTICIPANTS_MAX);
	const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
	const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
	if (participantIds === null) errors.participantIds = t('initiative.tooManyParticipants');
	if (files.length > PHOTOS_PER_INITIATIVE) errors.photos = t('photo.tooMany');
	if (!parsed.ok || participantIds === null || Object.keys(errors).length > 0)
		return { ok: false, errors, values, participantIds: participantIds ?? [] };
	const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
	return {
		ok: true,
		input: { ...parsed.data, endedOn: parsed.data.endedOn ?? parsed.data.startedOn, measures, participantIds: participantIds! },
		uploads,
		values,
		participantIds: participantIds!
	};
}
