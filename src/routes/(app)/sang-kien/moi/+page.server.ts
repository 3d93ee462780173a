import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { CAMPAIGN_PARAM } from '$lib/campaign-param';
import { formOptions, unitsToLogFor } from '$lib/server/initiatives/form-data';
import { readInitiativeForm } from '$lib/server/initiatives/form';
import { saveInitiative } from '$lib/server/initiatives/save';
import { authorizeLogging } from '$lib/server/initiatives/service';
import { readMultipart } from '$lib/server/http/multipart';
import { preparePhotos } from '$lib/server/initiatives/photos';
import { PHOTO_MAX_BYTES, PHOTOS_PER_INITIATIVE } from '$lib/server/photos/pipeline';

const UPLOAD_LIMITS = { files: PHOTOS_PER_INITIATIVE, fileBytes: PHOTO_MAX_BYTES, fileField: 'photos' };
import { t } from '$lib/i18n';
import { idParam } from '$lib/schemas/fields';
import { newSendKey, readSendKey } from '$lib/server/initiatives/send-key';
import { ownClaimForForm, settleOwnClaim } from '$lib/server/initiatives/claims';

/** `?loi-bao=ID`: the form starts from a member's account of her own work; saving it confirms her claim. */
const CLAIM_PARAM = 'loi-bao';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const units = unitsToLogFor(ctx.db, actor);
	if (units.length === 0) error(403, t('error.403'));
	const claimId = idParam(event.url.searchParams.get(CLAIM_PARAM));
	const claim = claimId === null ? null : ownClaimForForm(ctx, claimId);
	const wanted = claim?.unitId ?? Number(event.url.searchParams.get('don-vi'));
	const unit = units.find((u) => u.id === wanted) ?? units.find((u) => actor.grants.some((g) => g.unitId === u.id)) ?? units[0]!;
	return {
		units: units.map((u) => ({ id: u.id, name: u.name })),
		unitId: unit.id,
		unitName: unit.name,
		photoSlots: PHOTOS_PER_INITIATIVE,
		personId: actor.personId,
		sendKey: newSendKey(),
		fromClaim: claim
			? {
					id: claim.id,
					name: claim.name,
					values: { title: claim.title, startedOn: claim.startedOn, endedOn: claim.startedOn, story: claim.note },
					participantIds: [claim.personId]
				}
			: null,
		...formOptions(ctx.db, unit.id, { slug: event.url.searchParams.get(CAMPAIGN_PARAM) })
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireActor(event);
		const ctx = serviceContext(event);
		// Authorized before the body is read, and again for the chosen unit before any photo is decoded.
		if (unitsToLogFor(ctx.db, actor).length === 0) error(403, t('error.403'));
		const body = await readMultipart(event.request, UPLOAD_LIMITS);
		if (!body.ok) return fail(body.status, { errors: { _: body.error } });
		const read = await readInitiativeForm(body.form);
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors, participantIds: read.participantIds });
		if (!authorizeLogging(ctx, read.input))
			return fail(400, { values: read.values, errors: { unitId: t('unitError.notFound') }, participantIds: read.participantIds });
		// Photos are checked before anything is saved: a bad file refuses the whole form.
		const prepared = await preparePhotos(read.uploads);
		if (!prepared.ok) return fail(400, { values: read.values, errors: { photos: prepared.error }, participantIds: read.participantIds });
		const created = await saveInitiative(ctx, null, read.input, prepared.photos, ctx.config.uploadsPath, {
			sendKey: readSendKey(body.form.get('sendKey'))
		});
		if (!created.ok) return fail(400, { values: read.values, errors: created.errors, participantIds: read.participantIds });
		const claimId = idParam(event.url.searchParams.get(CLAIM_PARAM));
		if (claimId !== null) ctx.live?.noticed(settleOwnClaim(ctx, claimId, created.id));
		redirect(303, `/sang-kien/${created.id}/sua?da-luu=1`);
	}
};
