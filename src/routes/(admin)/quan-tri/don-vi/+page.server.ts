import type { PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { adminScopes } from '$lib/domain/permissions';
import { unitsWithin } from '$lib/server/units/queries';
import { unitOptions } from '$lib/server/units/tree-view';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const rows = unitsWithin(ctx.db, adminScopes(actor));
	return { units: unitOptions(rows).map((o, i) => ({ id: o.id, indent: o.indent, name: rows[i]!.name })) };
};
