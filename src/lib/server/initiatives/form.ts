import { initiativeSchema, idList } from '../../schemas/initiative';
import { parseForm } from '../../schemas/fields';
import { PHOTOS_PER_INITIATIVE } from '../photos/pipeline';
import { t } from '../../i18n';
import type { InitiativeInput } from './service';
import type { Upload } from './photos';
import { PARTICIPANTS_MAX } from './service';
import { CONTRIBUTORS_MAX, NEW_CONTRIBUTORS_MAX } from '../../domain/contributors';
import type { ContributorPick } from '../contributors/service';

const NEW_ROW = /^newContributor(Kind|Name)_(\d{1,3})$/;
/** Row indexes the form can hold (the limit of new contributors per save, with room for empty rows). */
const NEW_ROWS_MAX = 2 * NEW_CONTRIBUTORS_MAX;

/**
 * The contributor section (components/ContributorsField.svelte): picked ids, and new rows as indexed
 * `newContributorKind_<i>` / `newContributorName_<i>` pairs. Null when the form had no such section (its
 * hidden `contributorsShown` marker is absent): the service then keeps what was recorded.
 */
function readContributors(form: FormData): { pick: ContributorPick | null; values: Record<string, string>; error: string | null } {
	if (form.get('contributorsShown') !== '1') return { pick: null, values: {}, error: null };
	const ids = idList(form, 'contributorIds', CONTRIBUTORS_MAX);
	const rows = new Map<number, { kind: string; name: string }>();
	const values: Record<string, string> = { contributorsShown: '1', contributorIds: (ids ?? []).join(',') };
	let error: string | null = ids === null ? t('contributor.badList') : null;
	for (const [key, value] of form.entries()) {
		const match = NEW_ROW.exec(key);
		if (!match || typeof value !== 'string') continue;
		const i = Number(match[2]);
		if (i >= NEW_ROWS_MAX) {
			error ??= t('contributor.badList');
			continue;
		}
		const row = rows.get(i) ?? { kind: '', name: '' };
		if (match[1] === 'Kind') row.kind = value.slice(0, 60);
		else row.name = value.slice(0, 300);
		rows.set(i, row);
		values[key] = match[1] === 'Kind' ? row.kind : row.name;
	}
	const added = [...rows.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([, row]) => row)
		.filter((row) => row.kind !== '' || row.name.trim() !== '');
	if (added.length > NEW_CONTRIBUTORS_MAX || (ids?.length ?? 0) + added.length > CONTRIBUTORS_MAX)
		error ??= t('contributor.tooMany', { max: CONTRIBUTORS_MAX });
	for (const row of added) {
		if (row.kind === '') error ??= t('contributor.kindMissing', { name: row.name.trim().slice(0, 40) });
		else if (row.name.trim() === '') error ??= t('contributor.nameMissing');
	}
	return { pick: { ids: ids ?? [], added }, values, error };
}

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
	const contributors = readContributors(form);
	const values = {
		...parsed.values,
		...Object.fromEntries(Object.entries(measures).map(([id, v]) => [`measure_${id}`, v])),
		...contributors.values
	};
	const participantIds = idList(form, 'participantIds', PARTICIPANTS_MAX);
	const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
	const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
	if (participantIds === null) errors.participantIds = t('initiative.tooManyParticipants');
	if (contributors.error) errors.contributors = contributors.error;
	if (files.length > PHOTOS_PER_INITIATIVE) errors.photos = t('photo.tooMany');
	if (!parsed.ok || participantIds === null || Object.keys(errors).length > 0)
		return { ok: false, errors, values, participantIds: participantIds ?? [] };
	const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
	return {
		ok: true,
		input: {
			...parsed.data,
			endedOn: parsed.data.endedOn ?? parsed.data.startedOn,
			measures,
			participantIds: participantIds!,
			contributors: contributors.pick
		},
		uploads,
		values,
		participantIds: participantIds!
	};
}
