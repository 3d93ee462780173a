import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { joinCandidates, joinedUnits, joinUnit, leaveUnit } from '$lib/server/campaigns/joining';
import { joinUnitSchema, leaveUnitSchema } from '$lib/schemas/joining';
import { parseForm } from '$lib/schemas/fields';
import { isoDay } from '$lib/format';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return {
		joined: joinedUnits(ctx, campaign.id),
		candidates: joinCandidates(ctx, campaign.id),
		today: isoDay(ctx.now)
	};
};

export const actions: Actions = {
	join: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(joinUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = joinUnit(ctx, campaign.id, parsed.data.unitId, parsed.data.joinedOn);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { done: t('joining.done.join', { name: result.name }) };
	},
	leave: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(leaveUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { error: t('validation.invalidChoice') });
		const result = leaveUnit(ctx, campaign.id, parsed.data.unitId);
		if (!result.ok) return fail(409, { error: result.errors._ ?? t('validation.invalidChoice'), unitId: parsed.data.unitId });
		return { done: t('joining.done.leave', { name: result.name }) };
	}
};
