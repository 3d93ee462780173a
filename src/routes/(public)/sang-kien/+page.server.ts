import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { publicFeed } from '$lib/server/initiatives/queries';
import { unitsToLogFor } from '$lib/server/initiatives/form-data';
import { storyExcerpt } from '$lib/domain/initiatives/story';

export const load: PageServerLoad = (event) => {
	const { url, locals } = event;
	const { db } = serviceContext(event);
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		query,
		items: publicFeed(db, query, 50).map(({ story, photosShowChildren: _c, guardianConsentAt: _g, ...item }) => ({
			...item,
			excerpt: storyExcerpt(story, 160)
		})),
		canLog: locals.actor ? unitsToLogFor(db, locals.actor).length > 0 : false
	};
};
