import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { unitsToLogFor } from '$lib/server/initiatives/form-data';
import { browseChoices, browseWorks } from '$lib/server/initiatives/browse';
import { readBrowseFilters } from '$lib/domain/initiatives/browse';
import { storyExcerpt } from '$lib/domain/initiatives/story';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { url, locals } = event;
	const { db } = serviceContext(event);
	const filters = readBrowseFilters(url.searchParams);
	const { items, next } = browseWorks(db, filters);
	return {
		metaDescription: t('initiative.metaDescription'),
		filters,
		choices: browseChoices(db, filters.unitId),
		items: items.map(({ story, photosShowChildren: _c, guardianConsentAt: _g, ...item }) => ({
			...item,
			excerpt: storyExcerpt(story, 160)
		})),
		next,
		canLog: locals.actor ? unitsToLogFor(db, locals.actor).length > 0 : false
	};
};
