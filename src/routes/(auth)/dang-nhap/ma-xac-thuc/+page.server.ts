import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { challengeIsLive, completeSignIn } from '$lib/server/auth/sign-in-challenge';
import { clearChallengeCookie, readChallengeCookie, setSessionCookie } from '$lib/server/http/cookie';
import { retryAfter, safeNextPath } from '$lib/server/http/navigation';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const next = safeNextPath(event.url.searchParams.get('next'));
	if (event.locals.person) redirect(303, next);
	const ctx = serviceContext(event);
	const token = readChallengeCookie(event.cookies, event.url.protocol === 'https:');
	event.setHeaders({ 'cache-control': 'no-store' });
	return { next, live: !!token && challengeIsLive(ctx.db, token, ctx.now) };
};

export const actions: Actions = {
	// The pending sign-in (a cookie set only after the right password) is the authorisation here.
	default: async (event) => {
		const secure = event.url.protocol === 'https:';
		const form = await event.request.formData();
		const next = safeNextPath(String(form.get('next') ?? '/'));
		const code = String(form.get('code') ?? '').slice(0, 64);
		const token = readChallengeCookie(event.cookies, secure);
		const ctx = serviceContext(event);
		const result = token
			? completeSignIn(
					ctx.db,
					{
						challenge: token,
						code,
						ipHash: event.locals.ipHash,
						userAgent: event.request.headers.get('user-agent') ?? '',
						requestId: event.locals.requestId
					},
					ctx.now
				)
			: ({ ok: false, reason: 'expired' } as const);
		if (!result.ok) {
			switch (result.reason) {
				case 'expired':
					clearChallengeCookie(event.cookies, secure);
					return fail(410, { expired: true, error: t('auth.code.expired') });
				case 'throttled':
					return fail(429, { error: t('auth.code.throttled', { wait: retryAfter(event, result.waitMs) }) });
				case 'format':
					return fail(400, { error: t('auth.code.format') });
				case 'wrong':
					return fail(400, { error: t('auth.code.wrong') });
			}
		}
		clearChallengeCookie(event.cookies, secure);
		setSessionCookie(event.cookies, result.token, result.session.expiresAt, secure);
		// After a recovery code: to the account page, which says how many are left and offers new ones.
		redirect(303, result.recoveryCodesLeft === null ? next : `/tai-khoan/xac-thuc-hai-buoc?con-lai=${result.recoveryCodesLeft}`);
	}
};
