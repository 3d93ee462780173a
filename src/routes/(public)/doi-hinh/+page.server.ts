import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { listTeams } from '$lib/server/teams/queries';
import { activeUnits } from '$lib/server/units/queries';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = (event) => {
	const { url, locals } = event;
	const { db } = serviceContext(event);
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		query,
		teams: listTeams(db, query),
		canCreate: !!locals.actor && activeUnits(db).some((u) => can(locals.actor, 'team.create', { kind: 'unit', unit: u }))
	};
};
