import type { PageServerLoad } from './$types';
import { authorize, requireActor, serviceContext } from '$lib/server/auth/guard';
import { adminScopes } from '$lib/domain/permissions';
import { unitsWithin } from '$lib/server/units/queries';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const rows = unitsWithin(ctx.db, adminScopes(actor));
	const minDepth = Math.min(...rows.map((r) => r.depth));
	return { units: rows.map((r) => ({ id: r.id, name: r.name, indent: r.depth - minDepth })) };
};
