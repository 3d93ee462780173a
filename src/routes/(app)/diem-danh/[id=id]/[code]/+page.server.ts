import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { checkIn } from '$lib/server/initiatives/check-in';
import { getInitiative } from '$lib/server/initiatives/queries';
import { isEditable } from '$lib/domain/initiatives/workflow';
import { t } from '$lib/i18n';

/** What an attendee sees after scanning: the work's title and one button (signing in first if needed). */
export const load: PageServerLoad = (event) => {
	requireActor(event);
	const initiative = getInitiative(serviceContext(event).db, Number(event.params.id));
	if (!initiative || !isEditable(initiative.status)) error(404, t('checkIn.badCode'));
	return { title: initiative.title };
};

export const actions: Actions = {
	default: (event) => {
		requireActor(event);
		const result = checkIn(serviceContext(event), Number(event.params.id), event.params.code);
		if (!result.ok) return fail(400, { error: t(result.error) });
		return { done: t(result.already ? 'checkIn.already' : 'checkIn.done', { title: result.title }) };
	}
};
