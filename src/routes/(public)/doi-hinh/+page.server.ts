import type { PageServerLoad } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { listTeams } from '$lib/server/teams/queries';
import { activeUnits } from '$lib/server/units/queries';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ url, locals }) => {
	const { db } = getRuntime();
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		query,
		teams: listTeams(db, query),
		canCreate: !!locals.actor && activeUnits(db).some((u) => can(locals.actor, 'team.create', { kind: 'unit', unit: u }))
	};
};
