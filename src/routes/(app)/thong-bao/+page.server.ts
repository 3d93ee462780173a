import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { latestNotices, markNoticesRead } from '$lib/server/notifications/notices';
import { reportsToFile } from '$lib/server/reports/service';
import { needsReminder } from '$lib/domain/reports/rules';

/** The person's notices, newest first; opening the page reads them (those new until now stay marked as such here). */
export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const notices = latestNotices(ctx.db, actor.personId);
	if (notices.some((n) => !n.read)) markNoticesRead(ctx.db, actor.personId, ctx.now);
	// Reports the person's units still owe, due within two weeks or late: recalled here until they are sent.
	const reports = reportsToFile(ctx)
		.filter((row) => needsReminder(row.state))
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
	return { notices, reports };
};
