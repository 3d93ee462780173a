import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { listTeams } from '$lib/server/teams/queries';
import { activeUnits } from '$lib/server/units/queries';
import { can } from '$lib/domain/permissions';
import { teamKindLabel } from '$lib/domain/teams';
import { allTeamKinds } from '$lib/server/teams/settings';

export const load: PageServerLoad = (event) => {
	const { url, locals } = event;
	const { db } = serviceContext(event);
	const kinds = allTeamKinds(db);
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		query,
		teams: listTeams(db, query).map((team) => ({ ...team, kindLabel: teamKindLabel(kinds, team.kind) })),
		canCreate: !!locals.actor && activeUnits(db).some((u) => can(locals.actor, 'team.create', { kind: 'unit', unit: u }))
	};
};
