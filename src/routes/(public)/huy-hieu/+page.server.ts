import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { badgeCatalogue } from '$lib/server/scoring/badge-definitions';

/** The catalogue: what each badge is for, how to earn it, and who holds it (public names only). */
export const load: PageServerLoad = (event) => ({ badges: badgeCatalogue(serviceContext(event).db) });
