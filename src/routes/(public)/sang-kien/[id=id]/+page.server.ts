import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { initiativeDetail, initiativeFacts, photosArePublic } from '$lib/server/initiatives/queries';
import { recordGuardianConsent, setFeatured } from '$lib/server/initiatives/service';
import { stepAction } from '$lib/server/http/step-action';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { can, COUNCIL_MINIMUM, isRootUnit } from '$lib/domain/permissions';
import { isEditable, isPublic } from '$lib/domain/initiatives/workflow';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { adHocChoices, nominateAdHoc } from '$lib/server/awards/nominations';
import { idParam } from '$lib/schemas/fields';
import { storyExcerpt } from '$lib/domain/initiatives/story';
import { t } from '$lib/i18n';
import { claimPart, decideClaim, myClaim, pendingClaims } from '$lib/server/initiatives/claims';

export const load: PageServerLoad = (event) => {
	const { params, locals } = event;
	const ctx = serviceContext(event);
	const { db } = ctx;
	const detail = initiativeDetail(db, Number(params.id));
	if (!detail) error(404, t('initiative.notFound'));
	const i = detail.initiative;
	const facts = initiativeFacts(db, i.unitId, i.teamId, i.authorId, i.id, i.activityTypeId)!;
	const resource = { kind: 'initiative' as const, ...facts };
	const insider = can(locals.actor, 'initiative.viewPrivate', resource);
	// Drafts, pending, returned and rejected work is not public: not found for everyone else.
	if (!isPublic(i.status) && !insider) error(404, t('initiative.notFound'));
	const showPhotos = insider || photosArePublic(i);
	const choices = campaignChoices(db);
	return {
		initiative: {
			id: i.id,
			title: i.title,
			story: i.story,
			status: i.status,
			revision: i.revision,
			startedOn: i.startedOn,
			endedOn: i.endedOn,
			place: i.place,
			unitId: i.unitId,
			unitName: detail.unitName,
			teamId: i.teamId,
			teamName: detail.teamName,
			activityName: detail.activityName,
			photosShowChildren: i.photosShowChildren,
			consentRecorded: i.guardianConsentAt !== null,
			featured: i.featuredAt !== null
		},
		measures: detail.measures.map((m) => ({
			id: m.spec.id,
			label: m.spec.label,
			unitLabel: m.spec.unitLabel,
			value: m.value,
			approvedValue: m.approvedValue
		})),
		participants: detail.participants.map((p) => p.displayName),
		contributors: detail.contributors.map((c) => ({ id: c.id, name: c.name, kindLabel: c.kindLabel })),
		photos: showPhotos ? detail.photos.map((p) => ({ id: p.id, width: p.width, height: p.height })) : [],
		photosHidden: !showPhotos && detail.photos.length > 0,
		history: detail.history,
		// Named only where the installation runs more than one campaign.
		campaign: choices.length > 1 ? (choices.find((c) => c.id === detail.campaignId) ?? null) : null,
		// Only work anyone may read is shared (and gets a card).
		shareUrl: isPublic(i.status) ? `${event.url.origin}/sang-kien/${i.id}` : null,
		metaDescription: storyExcerpt(i.story, 160),
		sent: event.url.searchParams.has('da-gui'),
		// Opened from the review queue: a decision leads back there, to the next work.
		fromQueue: event.url.searchParams.get('tu') === 'duyet',
		adHoc: adHocChoices(ctx, i.id),
		// A member of the work's team may say she took part; whoever logs it confirms or declines.
		claim: insider && locals.actor && !can(locals.actor, 'initiative.edit', resource) ? myClaim(ctx, i.id) : null,
		claims: isEditable(i.status) && can(locals.actor, 'initiative.edit', resource) ? pendingClaims(db, i.id) : [],
		// The root's own work waits for its council: say why nobody can approve it while the council is too small.
		councilTooSmall:
			i.status === 'submitted' && isRootUnit(facts.unit) && facts.councilSize < COUNCIL_MINIMUM
				? { count: facts.councilSize, min: COUNCIL_MINIMUM }
				: null,
		can: {
			edit: isEditable(i.status) && can(locals.actor, 'initiative.edit', resource),
			withdraw: i.status === 'submitted' && can(locals.actor, 'initiative.submit', resource),
			verify: i.status === 'submitted' && can(locals.actor, 'initiative.verify', resource),
			revoke: i.status === 'approved' && can(locals.actor, 'initiative.revoke', resource),
			feature: i.status === 'approved' && can(locals.actor, 'initiative.revoke', resource),
			consent:
				i.photosShowChildren &&
				i.guardianConsentAt === null &&
				can(locals.actor, 'initiative.edit', { ...resource, authorId: null, teamLeaderId: null })
		}
	};
};

export const actions: Actions = {
	withdraw: (event) => stepAction(event, 'withdraw', Number(event.params.id)),
	approve: (event) => stepAction(event, 'approve', Number(event.params.id)),
	return: (event) => stepAction(event, 'return', Number(event.params.id)),
	reject: (event) => stepAction(event, 'reject', Number(event.params.id)),
	revoke: (event) => stepAction(event, 'revoke', Number(event.params.id)),
	adHoc: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const [subjectType = '', subjectId = ''] = String(form.get('subject') ?? '').split('|');
		const values = {
			formCode: String(form.get('formCode') ?? ''),
			subject: String(form.get('subject') ?? ''),
			citation: String(form.get('citation') ?? '')
		};
		const result = nominateAdHoc(serviceContext(event), {
			initiativeId: Number(event.params.id),
			formCode: values.formCode,
			subjectType,
			subjectId: idParam(subjectId),
			citation: values.citation
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { adHocError: result.error, adHocValues: values });
		}
		return { adHocDone: t('nomination.adHocDone') };
	},
	feature: async (event) => {
		requireActor(event);
		const featured = (await event.request.formData()).get('featured') === '1';
		const result = setFeatured(serviceContext(event), Number(event.params.id), featured);
		if (!result.ok) return fail(400, { featureError: t(result.error) });
		return { featureDone: t(featured ? 'feature.added' : 'feature.removed') };
	},
	claim: async (event) => {
		requireActor(event);
		const note = String((await event.request.formData()).get('note') ?? '');
		const ctx = serviceContext(event);
		const result = claimPart(ctx, Number(event.params.id), note);
		if (!result.ok) {
			if (result.error === 'initiative.notFound') error(404, t(result.error));
			return fail(400, { claimError: t(result.error), claimNote: note.slice(0, 2000) });
		}
		ctx.live?.noticed(result.notified);
		return { claimSent: true };
	},
	decideClaim: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const claimId = idParam(form.get('claimId'));
		const decision = form.get('decision') === 'confirm' ? 'confirm' : 'decline';
		const reason = String(form.get('reason') ?? '');
		const name = String(form.get('name') ?? '').slice(0, 200);
		const ctx = serviceContext(event);
		const result = claimId === null ? ({ ok: false, error: 'claim.notFound' } as const) : decideClaim(ctx, claimId, decision, reason);
		if (!result.ok) return fail(400, { claimAnswerError: t(result.error), claimId, reason: reason.slice(0, 2000) });
		ctx.live?.noticed(result.notified);
		return { claimDecided: t(decision === 'confirm' ? 'claim.confirmedDone' : 'claim.declinedDone', { name }) };
	},
	consent: (event) => {
		requireActor(event);
		if (!recordGuardianConsent(serviceContext(event), Number(event.params.id))) error(404, t('initiative.notFound'));
		return { consentRecorded: true };
	}
};
