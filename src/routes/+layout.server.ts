import type { LayoutServerLoad } from './$types';
import { can, councilGrants, verifierGrants } from '$lib/domain/permissions';
import { serviceContext } from '$lib/server/http/context';
import { isDemo, anyCampaignLetsGrassrootsVerify } from '$lib/server/campaigns/queries';
import { unseenBadges } from '$lib/server/scoring/badges';
import { returnedToAuthor } from '$lib/server/initiatives/queries';
import { latestUnreadNotice, unreadNoticeCount } from '$lib/server/notifications/notices';
import { dueCount } from '$lib/server/notifications/reminders';

export const load: LayoutServerLoad = (event) => {
	const { locals } = event;
	const ctx = serviceContext(event);
	const { db } = ctx;
	// A push ('me:notice') reloads just this.
	event.depends('app:notices');
	const unreadNotices = locals.person ? unreadNoticeCount(db, locals.person.id) : 0;
	const grassrootsMayVerify = anyCampaignLetsGrassrootsVerify(db);
	return {
		person: locals.person ? { id: locals.person.id, displayName: locals.person.displayName, fullName: locals.person.fullName } : null,
		canAdmin: can(locals.actor, 'admin.access'),
		// Shown to whoever may verify something somewhere; the queue itself asks can() item by item.
		canReview: verifierGrants(locals.actor, grassrootsMayVerify, 'any').length > 0 || councilGrants(locals.actor).length > 0,
		demo: isDemo(db),
		newBadges: locals.person ? unseenBadges(db, locals.person.id) : [],
		// Work sent back to its author waits for them: counted beside "Của tôi" on every page.
		returnedToMe: locals.person ? returnedToAuthor(db, locals.person.id) : 0,
		// The bell: how many wait unread, the newest of them (what a push announces), and how many things are due.
		notices:
			locals.person && locals.actor
				? {
						unread: unreadNotices,
						newest: unreadNotices > 0 ? latestUnreadNotice(db, locals.person.id) : null,
						due: dueCount(ctx, locals.actor)
					}
				: null,
		// A privileged account without a second factor: a reminder on every page, with the deadline.
		secondFactorReminder:
			locals.secondFactor?.standing === 'grace' || locals.secondFactor?.standing === 'overdue'
				? { overdue: locals.secondFactor.standing === 'overdue', dueAt: locals.secondFactor.dueAt }
				: null
	};
};
