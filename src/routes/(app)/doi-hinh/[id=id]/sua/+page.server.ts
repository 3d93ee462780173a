import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { teamDetail } from '$lib/server/teams/queries';
import { updateTeam } from '$lib/server/teams/service';
import { readTeamForm, teamFormOptions } from '$lib/server/teams/form';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const detail = teamDetail(ctx.db, Number(event.params.id));
	if (!detail) error(404, t('error.404'));
	const team = detail.team;
	authorize(ctx, 'team.manage', {
		kind: 'team',
		unit: { id: team.unitId, path: detail.unitPath, active: detail.unitActive },
		leaderId: team.leaderId
	});
	return {
		id: team.id,
		unitId: team.unitId,
		values: {
			name: team.name,
			kind: team.kind,
			leaderId: String(team.leaderId),
			servedPlaces: team.servedPlaces.join('\n'),
			helpers: team.helpers.join('\n'),
			activeFrom: team.activeFrom,
			activeTo: team.activeTo ?? ''
		} as Record<string, string>,
		focus: detail.focus.map((f) => f.id),
		...teamFormOptions(ctx.db, team.unitId, actor.personId)
	};
};

export const actions: Actions = {
	save: async (event) => {
		requireActor(event);
		const read = readTeamForm(await event.request.formData());
		if (!read.ok) return fail(400, read);
		const result = updateTeam(serviceContext(event), Number(event.params.id), read.input);
		if (!result.ok) return fail(400, { errors: { [result.field ?? '_']: t(result.error) }, values: read.values, focus: read.input.focus });
		redirect(303, `/doi-hinh/${event.params.id}`);
	}
};
