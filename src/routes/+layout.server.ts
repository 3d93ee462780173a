import type { LayoutServerLoad } from './$types';
import { can } from '$lib/domain/permissions';
import { getRuntime } from '$lib/server/runtime';
import { isDemo } from '$lib/server/seed/demo';
import { campaignPolicy } from '$lib/server/initiatives/queries';
import { unseenBadges } from '$lib/server/scoring/badges';

export const load: LayoutServerLoad = ({ locals }) => {
	const { db } = getRuntime();
	const grassrootsMayVerify = campaignPolicy(db)?.grassrootsMayVerify ?? false;
	return {
		person: locals.person ? { displayName: locals.person.displayName, fullName: locals.person.fullName } : null,
		canAdmin: can(locals.actor, 'admin.access'),
		// Shown to whoever may verify something somewhere; the queue itself asks can() item by item.
		canReview: (locals.actor?.grants ?? []).some(
			(g) => g.role === 'district_admin' || g.role === 'province_admin' || (g.role === 'unit_admin' && g.unitLevel === 'grassroots' && grassrootsMayVerify)
		),
		demo: isDemo(db),
		newBadges: locals.person ? unseenBadges(db, locals.person.id) : []
	};
};
