import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { login } from '$lib/server/auth/login';
import { setChallengeCookie, setSessionCookie } from '$lib/server/http/cookie';
import { retryAfter, safeNextPath } from '$lib/server/http/navigation';
import { t } from '$lib/i18n';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.person) redirect(303, safeNextPath(url.searchParams.get('next')));
	return { next: safeNextPath(url.searchParams.get('next')), passwordJustSet: url.searchParams.has('da-dat-mat-khau') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const identifier = String(form.get('identifier') ?? '').slice(0, 254);
		const password = String(form.get('password') ?? '');
		const next = safeNextPath(String(form.get('next') ?? '/'));
		if (!identifier.trim() || !password) return fail(400, { identifier, error: t('auth.login.missing') });
		const result = await login(
			serviceContext(event).db,
			{
				identifier,
				// A megabyte "password" is not a password; hashing it would only burn CPU.
				password: password.slice(0, 1024),
				ipHash: event.locals.ipHash,
				userAgent: event.request.headers.get('user-agent') ?? '',
				requestId: event.locals.requestId
			},
			Date.now
		);
		if (!result.ok && result.reason === 'throttled') {
			return fail(429, { identifier, error: t('auth.login.throttled', { wait: retryAfter(event, result.waitMs) }) });
		}
		if (!result.ok && result.reason === 'busy') {
			return fail(429, { identifier, error: t('auth.busy', { wait: retryAfter(event, result.retryAfterMs) }) });
		}
		const secure = event.url.protocol === 'https:';
		if (!result.ok && result.reason === 'second_factor') {
			setChallengeCookie(event.cookies, result.challenge, result.expiresAt, secure);
			redirect(303, `/dang-nhap/ma-xac-thuc?next=${encodeURIComponent(next)}`);
		}
		if (!result.ok) return fail(400, { identifier, error: t('auth.login.failed') });
		setSessionCookie(event.cookies, result.token, result.session.expiresAt, secure);
		redirect(303, next);
	}
};
