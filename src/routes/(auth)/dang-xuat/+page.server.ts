import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/http/cookie';
import { recordAudit } from '$lib/server/audit';
import { serviceContext } from '$lib/server/http/context';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.session) redirect(303, '/');
};

export const actions: Actions = {
	default: (event) => {
		const ctx = serviceContext(event);
		if (event.locals.session) {
			invalidateSession(ctx.db, event.locals.session.id);
			ctx.live?.sessionEnded(event.locals.session.id);
			recordAudit(ctx.db, ctx, { action: 'authn_logout', targetType: 'person', targetId: event.locals.session.personId });
		}
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, '/');
	}
};
