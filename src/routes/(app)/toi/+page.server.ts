import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { myPage } from '$lib/server/people/my-page';

export const load: PageServerLoad = (event) => myPage(serviceContext(event), requireActor(event));
