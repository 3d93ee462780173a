import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { completeFirstRun, rootLevelChoices, setupLinkState } from '$lib/server/setup/first-run';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/http/cookie';
import { serviceContext } from '$lib/server/http/context';
import { retryAfter } from '$lib/server/http/navigation';
import { firstRunSchema } from '$lib/schemas/setup';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

/** Passwords never go back to the browser with a refused form. */
const refill = (values: Record<string, string>) => ({ ...values, password: '', confirm: '' });

export const load: PageServerLoad = (event) => {
	// The token is in the URL: other sites get only our origin as Referer, and nobody caches the page.
	event.setHeaders({ 'referrer-policy': 'strict-origin', 'cache-control': 'no-store' });
	const { db } = serviceContext(event);
	const state = setupLinkState(db, event.params.token);
	if (state === 'unknown') error(404, t('error.404'));
	return { state, levels: state === 'open' ? rootLevelChoices(db) : [] };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = serviceContext(event);
		const state = setupLinkState(ctx.db, event.params.token);
		if (state === 'unknown') error(404, t('error.404'));
		if (state === 'spent') return fail(410, { spent: true });
		const parsed = parseForm(firstRunSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: refill(parsed.values) });
		const result = await completeFirstRun(ctx, event.params.token, parsed.data);
		if (!result.ok && 'state' in result) return fail(410, { spent: true });
		if (!result.ok && 'busy' in result)
			return fail(429, { errors: { _: t('auth.busy', { wait: retryAfter(event, result.retryAfterMs) }) }, values: refill(parsed.values) });
		if (!result.ok) return fail(400, { errors: result.errors, values: refill(parsed.values) });
		const { token, session } = createSession(ctx.db, result.personId, ctx.now, event.request.headers.get('user-agent') ?? '');
		setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, '/quan-tri?da-thiet-lap=1');
	}
};
