import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { authorizeEditing } from '$lib/server/initiatives/service';
import { readMultipart } from '$lib/server/http/multipart';
import { preparePhotos, removePhoto } from '$lib/server/initiatives/photos';
import { saveInitiative } from '$lib/server/initiatives/save';
import { readInitiativeForm } from '$lib/server/initiatives/form';
import { formOptions } from '$lib/server/initiatives/form-data';
import { initiativeDetail } from '$lib/server/initiatives/queries';
import { stepCommitted } from '$lib/server/realtime/after-commit';
import { doneMessage } from '$lib/server/http/step-action';
import { PHOTO_MAX_BYTES, PHOTOS_PER_INITIATIVE } from '$lib/server/photos/pipeline';

const UPLOAD_LIMITS = { files: PHOTOS_PER_INITIATIVE, fileBytes: PHOTO_MAX_BYTES, fileField: 'photos' };
import { can } from '$lib/domain/permissions';
import { isEditable } from '$lib/domain/initiatives/workflow';
import { formatNumber } from '$lib/format';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const loaded = authorizeEditing(ctx, Number(event.params.id));
	if (!loaded) error(404, t('initiative.notFound'));
	if (!isEditable(loaded.initiative.status)) redirect(303, `/sang-kien/${loaded.initiative.id}`);
	const detail = initiativeDetail(ctx.db, loaded.initiative.id)!;
	const i = detail.initiative;
	return {
		id: i.id,
		status: i.status,
		revision: i.revision,
		unitId: i.unitId,
		unitName: detail.unitName,
		personId: actor.personId,
		values: {
			title: i.title,
			activityTypeId: String(i.activityTypeId),
			story: i.story,
			startedOn: i.startedOn,
			endedOn: i.endedOn === i.startedOn ? '' : i.endedOn,
			place: i.place,
			teamId: i.teamId === null ? '' : String(i.teamId),
			photosShowChildren: i.photosShowChildren ? 'on' : '',
			contributorIds: detail.contributors.map((c) => c.id).join(','),
			...Object.fromEntries(detail.measures.filter((m) => m.value !== null).map((m) => [`measure_${m.spec.id}`, formatNumber(m.value!)]))
		} as Record<string, string>,
		participantIds: detail.participants.map((p) => p.id),
		photos: detail.photos.map((p) => ({ id: p.id })),
		photoSlots: PHOTOS_PER_INITIATIVE - detail.photos.length,
		canSubmit: can(actor, 'initiative.submit', { kind: 'initiative', ...loaded.facts }),
		lastReason: detail.history.filter((h) => h.type === 'returned').at(-1)?.reason ?? null,
		saved: event.url.searchParams.has('da-luu'),
		done: doneMessage(event.url),
		...formOptions(ctx.db, i.unitId, { activityTypeId: i.activityTypeId })
	};
};

export const actions: Actions = {
	save: (event) => {
		requireActor(event);
		return saveForm(event, false);
	},
	/** "Gửi cấp trên xác nhận" posts the whole form: what is on the screen is saved and sent in one step. */
	send: (event) => {
		requireActor(event);
		return saveForm(event, true);
	},
	removePhoto: async (event) => {
		requireActor(event);
		const photoId = String((await event.request.formData()).get('photoId') ?? '');
		const ctx = serviceContext(event);
		await removePhoto(ctx, Number(event.params.id), photoId, ctx.config.uploadsPath);
		return { photoRemoved: true };
	}
};

/** Authorized before the body is read (and so before the story is parsed or a photo decoded). */
async function saveForm(event: RequestEvent, send: boolean) {
	const id = Number(event.params.id);
	const ctx = serviceContext(event);
	if (!authorizeEditing(ctx, id)) error(404, t('initiative.notFound'));
	const body = await readMultipart(event.request, UPLOAD_LIMITS);
	if (!body.ok) return fail(body.status, { errors: { _: body.error } });
	const form = body.form;
	const read = await readInitiativeForm(form);
	if (!read.ok) return fail(400, { values: read.values, errors: read.errors, participantIds: read.participantIds });
	const prepared = await preparePhotos(read.uploads);
	if (!prepared.ok) return fail(400, { values: read.values, errors: { photos: prepared.error }, participantIds: read.participantIds });
	const revision = Number(form.get('revision'));
	const saved = await saveInitiative(
		ctx,
		id,
		read.input,
		prepared.photos,
		ctx.config.uploadsPath,
		send ? { submitRevision: Number.isInteger(revision) ? revision : -1 } : {}
	);
	if (!saved.ok) return fail(400, { values: read.values, errors: saved.errors, participantIds: read.participantIds });
	// Every way out of the form is a redirect to what it saved, so a save the phone's outbox sent later (with no
	// page to hand an answer to) says where to look, as one sent from the page does.
	if (!saved.submitted) redirect(303, `/sang-kien/${id}/sua?da-luu=1`);
	await stepCommitted(ctx, { initiativeId: id, transition: 'submit', ...saved.submitted });
	redirect(303, `/sang-kien/${id}?da-gui=1`);
}
