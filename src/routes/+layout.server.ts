import type { LayoutServerLoad } from './$types';
import { can } from '$lib/domain/permissions';
import { getRuntime } from '$lib/server/runtime';
import { isDemo } from '$lib/server/seed/demo';

export const load: LayoutServerLoad = ({ locals }) => ({
	person: locals.person ? { displayName: locals.person.displayName, fullName: locals.person.fullName } : null,
	canAdmin: can(locals.actor, 'admin.access'),
	demo: isDemo(getRuntime().db)
});
