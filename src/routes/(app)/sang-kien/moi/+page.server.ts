import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { formOptions, unitsToLogFor } from '$lib/server/initiatives/form-data';
import { readInitiativeForm } from '$lib/server/initiatives/form';
import { saveInitiative } from '$lib/server/initiatives/save';
import { preparePhotos } from '$lib/server/initiatives/photos';
import { PHOTOS_PER_INITIATIVE } from '$lib/server/photos/pipeline';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const units = unitsToLogFor(ctx.db, actor);
	if (units.length === 0) error(403, t('error.403'));
	const wanted = Number(event.url.searchParams.get('don-vi'));
	const unit = units.find((u) => u.id === wanted) ?? units.find((u) => actor.grants.some((g) => g.unitId === u.id)) ?? units[0]!;
	return {
		units: units.map((u) => ({ id: u.id, name: u.name })),
		unitId: unit.id,
		unitName: unit.name,
		photoSlots: PHOTOS_PER_INITIATIVE,
		personId: actor.personId,
		...formOptions(ctx.db, unit.id)
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireActor(event);
		const read = await readInitiativeForm(await event.request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors, participantIds: read.participantIds });
		// Photos are checked first: a bad file refuses the whole form and nothing is saved.
		const prepared = await preparePhotos(read.uploads);
		if (!prepared.ok) return fail(400, { values: read.values, errors: { photos: prepared.error }, participantIds: read.participantIds });
		const ctx = serviceContext(event);
		const created = await saveInitiative(ctx, null, read.input, prepared.photos, ctx.config.uploadsPath);
		if (!created.ok) return fail(400, { values: read.values, errors: created.errors, participantIds: read.participantIds });
		redirect(303, `/sang-kien/${created.id}/sua?da-luu=1`);
	}
};
