import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { campaignFromUrl, requireActor, serviceContext } from '$lib/server/http/context';
import { decideNomination, nominationsOf, proposalPeriods, recordDecision } from '$lib/server/awards/nominations';
import { recordCouncilReview, type Vote } from '$lib/server/awards/council';
import { isoDay } from '$lib/format';
import { idParam } from '$lib/schemas/fields';
import { attachDossier, attestCriteria, mayAttachDossier } from '$lib/server/awards/dossiers';
import { readMultipart } from '$lib/server/http/multipart';
import { DOSSIER_MAX_BYTES } from '$lib/domain/awards/dossier';
import { t } from '$lib/i18n';

/** A closed period's proposals by award form, with the quota and how much of it is used; the office decides. */
export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	const campaign = campaignFromUrl(event, ctx.db);
	if (!campaign) error(404, t('campaign.none'));
	const periods = proposalPeriods(ctx.db, campaign.id);
	// By default the newest closed period: reviews follow a close (ad hoc proposals of the open year are one choice away).
	const periodId =
		periods.find((p) => p.id === idParam(event.url.searchParams.get('ky')))?.id ??
		periods.find((p) => p.status === 'closed')?.id ??
		periods[0]?.id ??
		null;
	return {
		campaign,
		periods,
		periodId,
		today: isoDay(ctx.now),
		view: periodId ? nominationsOf(ctx, { campaignId: campaign.id, periodId }) : null
	};
};

export const actions: Actions = {
	decide: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const asked = form.get('decision');
		const decision = asked === 'select' || asked === 'forward' ? asked : 'decline';
		const nominationId = idParam(form.get('id'));
		const reason = form.get('reason');
		const result = decideNomination(serviceContext(event), nominationId, decision, typeof reason === 'string' ? reason : '');
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { id: nominationId, error: result.error });
		}
		const done = { select: 'nomination.selectedDone', forward: 'nomination.forwardedDone', decline: 'nomination.declinedDone' } as const;
		return { id: nominationId, done: t(done[decision]) };
	},
	dossier: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		// The proposal comes in the URL: whoever may not attach to it is refused before the body is read.
		const nominationId = idParam(event.url.searchParams.get('de-nghi'));
		const allowed = mayAttachDossier(ctx, nominationId);
		if (!allowed.ok) {
			if (allowed.problem === 'forbidden') error(403, allowed.error);
			return fail(400, { id: nominationId, error: allowed.error });
		}
		const read = await readMultipart(event.request, {
			files: 1,
			fileBytes: DOSSIER_MAX_BYTES,
			fileField: 'dossier',
			tooLarge: 'dossier.tooLarge'
		});
		if (!read.ok) return fail(read.status, { id: nominationId, error: read.error });
		const file = read.form.get('dossier');
		if (!(file instanceof File)) return fail(400, { id: nominationId, error: t('dossier.missing') });
		const result = attachDossier(ctx, nominationId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
		if (!result.ok) return fail(400, { id: nominationId, error: result.error });
		return { id: nominationId, done: t('dossier.saved') };
	},
	criteria: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const nominationId = idParam(form.get('id'));
		const criteria = form.getAll('criterion').filter((c): c is string => typeof c === 'string');
		const result = attestCriteria(serviceContext(event), nominationId, criteria);
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { id: nominationId, error: result.error });
		}
		return { id: nominationId, done: t('nomination.criteriaSaved') };
	},
	review: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		const campaign = campaignFromUrl(event, ctx.db);
		const form = await event.request.formData();
		const formCode = String(form.get('formCode') ?? '');
		const votes = new Map<number, Vote[]>();
		for (const [name, value] of form) {
			const match = /^vote\.(\d{1,9})\.(\d{1,2})$/.exec(name);
			if (!match || (value !== 'agree' && value !== 'disagree')) continue;
			const list = votes.get(Number(match[1])) ?? [];
			list[Number(match[2])] = value;
			votes.set(Number(match[1]), list);
		}
		const result = recordCouncilReview(ctx, {
			campaignId: campaign?.id ?? 0,
			periodId: idParam(form.get('periodId')),
			formCode,
			heldOn: String(form.get('heldOn') ?? ''),
			minutes: String(form.get('minutes') ?? ''),
			votes
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { reviewForm: formCode, reviewError: result.error });
		}
		return { reviewForm: formCode, reviewDone: t('council.award.recorded') };
	},
	decision: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		const campaign = campaignFromUrl(event, ctx.db);
		const form = await event.request.formData();
		const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '');
		const values = { formCode: text('formCode'), number: text('number'), signedOn: text('signedOn'), signer: text('signer') };
		const result = recordDecision(ctx, { campaignId: campaign?.id ?? 0, periodId: idParam(form.get('periodId')), ...values });
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { decisionForm: values.formCode, decisionError: result.error, values });
		}
		return { decisionForm: values.formCode, decisionDone: t('decision.recorded') };
	}
};
