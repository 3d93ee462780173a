import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { consumePasswordToken, peekPasswordToken } from '$lib/server/auth/password-tokens';
import { hashPassword } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { serviceContext } from '$lib/server/auth/guard';
import { checkPassword } from '$lib/domain/auth/password-policy';
import { people } from '$lib/server/db/schema';
import { t } from '$lib/i18n';

export const load: PageServerLoad = ({ params, setHeaders }) => {
	// The token is in the URL: other sites get only our origin as Referer. (no-referrer would also make
	// browsers send "Origin: null" on this page's form post, which the CSRF check rightly refuses.)
	setHeaders({ 'referrer-policy': 'strict-origin', 'cache-control': 'no-store' });
	const found = peekPasswordToken(getRuntime().db, params.token, Date.now());
	return { valid: !!found, displayName: found?.displayName ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceContext(event);
		const form = await event.request.formData();
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const found = peekPasswordToken(ctx.db, event.params.token, ctx.now);
		if (!found) return fail(410, { error: t('auth.setPassword.invalid') });
		if (password !== confirm) return fail(400, { error: t('auth.setPassword.mismatch') });
		const person = ctx.db.select({ username: people.username, phone: people.phone, email: people.email }).from(people).where(eq(people.id, found.personId)).get();
		const problem = checkPassword(password, [person?.username, person?.phone, person?.email].filter((v): v is string => !!v));
		if (problem) return fail(400, { error: t(`password.${problem}`) });
		const personId = consumePasswordToken(ctx, event.params.token, await hashPassword(password));
		if (personId === null) return fail(410, { error: t('auth.setPassword.invalid') });
		const { token, session } = createSession(ctx.db, personId, Date.now(), event.request.headers.get('user-agent') ?? '');
		setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, '/tai-khoan?da-dat-mat-khau=1');
	}
};
