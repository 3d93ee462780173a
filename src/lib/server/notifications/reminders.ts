import type { ServiceContext } from '../context';
import type { Actor } from '../../domain/permissions';
import { reportsToFile } from '../reports/service';
import { reviewQueue } from '../initiatives/review';
import { needsReminder } from '../../domain/reports/rules';
import { REVIEW_WAIT_REMINDER_DAYS } from '../../domain/notifications/notices';

/**
 * What is due from the person, recalled under the bell's page until it is done: reports their units owe within two
 * weeks or late, and work waiting for them (as verifier) for days — its authors are waiting too.
 */
export function remindersOf(ctx: ServiceContext, actor: Actor) {
	const reports = reportsToFile(ctx)
		.filter((row) => needsReminder(row.state))
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
	const longWaiting = reviewQueue(
		ctx.db,
		actor,
		{ unitId: null, activityTypeId: null, olderThanDays: REVIEW_WAIT_REMINDER_DAYS },
		ctx.now
	).length;
	return { reports, longWaiting, reminderDays: REVIEW_WAIT_REMINDER_DAYS };
}
