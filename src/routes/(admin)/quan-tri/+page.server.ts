import type { PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { getUnit } from '$lib/server/units/queries';
import { defaultCampaign } from '$lib/server/campaigns/queries';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	return {
		hasCampaign: !!defaultCampaign(ctx.db),
		justSetUp: event.url.searchParams.has('da-thiet-lap'),
		grants: actor.grants
			.filter((g) => g.role !== 'member')
			.map((g) => ({ role: g.role, unitId: g.unitId, unitName: getUnit(ctx.db, g.unitId)?.name ?? '' }))
	};
};
