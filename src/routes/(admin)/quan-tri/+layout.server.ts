import type { LayoutServerLoad } from './$types';
import { authorize, requireActor, serviceContext } from '$lib/server/auth/guard';

export const load: LayoutServerLoad = (event) => {
	requireActor(event);
	authorize(serviceContext(event), 'admin.access');
};
