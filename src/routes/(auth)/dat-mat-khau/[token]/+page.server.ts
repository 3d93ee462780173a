import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { peekPasswordToken, setPasswordWithLink } from '$lib/server/auth/password-tokens';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/http/cookie';
import { serviceContext } from '$lib/server/http/context';
import { retryAfter } from '$lib/server/http/navigation';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	// The token is in the URL: other sites get only our origin as Referer. (no-referrer would also make
	// browsers send "Origin: null" on this page's form post, which the CSRF check rightly refuses.)
	event.setHeaders({ 'referrer-policy': 'strict-origin', 'cache-control': 'no-store' });
	const ctx = serviceContext(event);
	const found = peekPasswordToken(ctx.db, event.params.token, ctx.now);
	return { valid: !!found, displayName: found?.displayName ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceContext(event);
		const form = await event.request.formData();
		const result = await setPasswordWithLink(
			ctx,
			event.params.token,
			String(form.get('password') ?? ''),
			String(form.get('confirm') ?? '')
		);
		if (!result.ok && 'retryAfterMs' in result)
			return fail(429, { error: t('auth.busy', { wait: retryAfter(event, result.retryAfterMs) }) });
		if (!result.ok) return fail(result.gone ? 410 : 400, { error: t(result.error) });
		// A link must not get anyone past a second factor: sign in with the new password and a code.
		if (result.needsSecondFactor) redirect(303, '/dang-nhap?da-dat-mat-khau=1');
		const { token, session } = createSession(ctx.db, result.personId, ctx.now, event.request.headers.get('user-agent') ?? '');
		setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, '/tai-khoan?da-dat-mat-khau=1');
	}
};
