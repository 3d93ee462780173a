import type { PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { adminScopes } from '$lib/domain/permissions';
import { depthOf } from '$lib/domain/units/tree';
import { auditWithin } from '$lib/server/audit';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const before = Number(event.url.searchParams.get('truoc'));
	const scopes = adminScopes(actor);
	// Rows tied to no unit (sign-ins, seeding) belong to whoever administers the root.
	const seesUnscoped = actor.grants.some((g) => g.role === 'province_admin' && depthOf(g.unitPath) === 0);
	const rows = auditWithin(ctx.db, scopes, seesUnscoped, Number.isInteger(before) && before > 0 ? before : null);
	return { rows, nextBefore: rows.length === 50 ? rows.at(-1)!.id : null };
};
