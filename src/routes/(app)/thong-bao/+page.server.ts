import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { latestNotices, markNoticesRead } from '$lib/server/notifications/notices';
import { remindersOf } from '$lib/server/notifications/reminders';

/** The person's notices, newest first; opening the page reads them (those new until now stay marked as such here). */
export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const notices = latestNotices(ctx.db, actor.personId);
	if (notices.some((n) => !n.read)) markNoticesRead(ctx.db, actor.personId, ctx.now);
	return { notices, ...remindersOf(ctx, actor) };
};
