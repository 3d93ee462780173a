import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/auth/guard';
import { myInitiatives } from '$lib/server/initiatives/review';
import { teamsOf } from '$lib/server/teams/queries';
import { unitsToLogFor } from '$lib/server/initiatives/form-data';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const teams = teamsOf(ctx.db, actor.personId);
	const mine = myInitiatives(ctx.db, actor.personId, teams.map((t) => t.id));
	return {
		attention: mine.filter((i) => i.status === 'returned' || i.status === 'rejected'),
		initiatives: mine,
		teams: teams.map((t) => ({ id: t.id, name: t.name, leads: t.leaderId === actor.personId })),
		canLog: unitsToLogFor(ctx.db, actor).length > 0,
		canAdmin: can(actor, 'admin.access')
	};
};
