import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import {
	confirmEnrolment,
	regenerateRecoveryCodes,
	secondFactorStatus,
	startEnrolment,
	type EnrolResult
} from '$lib/server/auth/second-factor';
import { retryAfter } from '$lib/server/http/navigation';
import { qrDataUrl } from '$lib/server/qr';
import { t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const { pending, ...status } = secondFactorStatus(serviceContext(event));
	const left = Number(event.url.searchParams.get('con-lai'));
	return {
		status,
		// The key is on this page only while it is being enrolled (never cached: signed-in pages are no-store).
		pending: pending ? { manualKey: pending.manualKey, qr: await qrDataUrl(pending.uri) } : null,
		overdue: event.locals.secondFactor?.standing === 'overdue',
		recoveryCodesLeft: event.url.searchParams.has('con-lai') && Number.isInteger(left) && left >= 0 ? left : null
	};
};

function answer(event: RequestEvent, result: EnrolResult) {
	if (result.ok) return { recoveryCodes: result.recoveryCodes };
	if (result.waitMs !== undefined) return fail(429, { error: t(result.error, { wait: retryAfter(event, result.waitMs) }) });
	return fail(400, { error: t(result.error) });
}

export const actions: Actions = {
	start: (event) => {
		requireActor(event);
		const result = startEnrolment(serviceContext(event));
		if (!result.ok) return fail(409, { error: t(result.error) });
		return { started: true };
	},
	confirm: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		return answer(event, confirmEnrolment(serviceContext(event), String(form.get('code') ?? '').slice(0, 64)));
	},
	newCodes: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		return answer(event, regenerateRecoveryCodes(serviceContext(event), String(form.get('code') ?? '').slice(0, 64)));
	}
};
