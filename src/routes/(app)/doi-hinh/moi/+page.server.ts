import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { activeUnits } from '$lib/server/units/queries';
import { createTeam } from '$lib/server/teams/service';
import { readTeamForm, teamFormOptions } from '$lib/server/teams/form';
import { can } from '$lib/domain/permissions';
import { isoDay } from '$lib/format';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const units = activeUnits(ctx.db)
		.filter((u) => can(actor, 'team.create', { kind: 'unit', unit: u }))
		.sort((a, b) => a.path.localeCompare(b.path));
	if (units.length === 0) error(403, t('error.403'));
	const wanted = Number(event.url.searchParams.get('don-vi'));
	const unit = units.find((u) => u.id === wanted) ?? units.find((u) => actor.grants.some((g) => g.unitId === u.id)) ?? units[0]!;
	return {
		units: units.map((u) => ({ id: u.id, name: u.name })),
		unitId: unit.id,
		defaults: { activeFrom: isoDay(ctx.now), leaderId: String(actor.personId) },
		...teamFormOptions(ctx.db, unit.id, actor.personId)
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireActor(event);
		const read = readTeamForm(await event.request.formData());
		if (!read.ok) return fail(400, read);
		const result = createTeam(serviceContext(event), read.input);
		if (!result.ok) return fail(400, { errors: { [result.field ?? '_']: t(result.error) }, values: read.values, focus: read.input.focus });
		redirect(303, `/doi-hinh/${result.team.id}`);
	}
};
