import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import type { Actor } from '../../domain/permissions';
import { reportsToFile } from '../reports/service';
import { waitingCount } from '../initiatives/review';
import { needsReminder } from '../../domain/reports/rules';
import { REVIEW_WAIT_REMINDER_DAYS } from '../../domain/notifications/notices';
import { ownClaimsToConfirm } from '../initiatives/claims';
import { remindedOfOwnClaim } from '../../domain/initiatives/claims';

/**
 * What is due from the person, recalled under the bell's page until it is done: reports their units owe within two
 * weeks or late, work waiting for them (as verifier) for days — its authors are waiting too —, and members' accounts
 * of their own work waiting for their branch's secretaries.
 */
export function remindersOf(ctx: ServiceContext, actor: Actor) {
	const reports = reportsToFile(ctx)
		.filter((row) => needsReminder(row.state))
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
	const longWaiting = waitingCount(
		ctx.db,
		actor,
		{ unitId: null, activityTypeId: null, olderThanDays: REVIEW_WAIT_REMINDER_DAYS },
		ctx.now
	);
	const grantPaths = actor.grants.map((grant) => grant.unitPath);
	const ownClaims = ownClaimsToConfirm(ctx, actor).filter((claim) => remindedOfOwnClaim(grantPaths, claim.unitPath)).length;
	return { reports, longWaiting, ownClaims, reminderDays: REVIEW_WAIT_REMINDER_DAYS };
}

/** How long the bell's count of things due may lag behind (a report sent, a work decided). */
export const DUE_RECOUNT_MS = 5 * 60_000;

const dueCounts = new WeakMap<Db, Map<number, { count: number; until: number }>>();

/**
 * What the bell counts as due for the person (reports, long-waiting reviews, members' accounts): counted again at most every five
 * minutes, because the bell is on every page and the count reads the report plan and the review queue.
 */
export function dueCount(ctx: ServiceContext, actor: Actor): number {
	let counts = dueCounts.get(ctx.db);
	if (!counts) dueCounts.set(ctx.db, (counts = new Map()));
	const kept = counts.get(actor.personId);
	if (kept && kept.until > ctx.now) return kept.count;
	const { reports, longWaiting, ownClaims } = remindersOf(ctx, actor);
	const count = reports.length + longWaiting + ownClaims;
	counts.set(actor.personId, { count, until: ctx.now + DUE_RECOUNT_MS });
	return count;
}
