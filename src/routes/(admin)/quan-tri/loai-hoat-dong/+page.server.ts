import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { catalogueForAdmin, saveActivityType, setActivityTypeActive } from '$lib/server/activities/service';
import { parseActivityTypeForm, MEASURE_ROWS, MEASURES_MAX, RULES_MAX } from '$lib/schemas/activity';
import { t } from '$lib/i18n';

/** Only the campaign's standing office (province admins over the owner unit) configures its catalogue. */
export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { ...catalogueForAdmin(ctx.db, campaign.id), rows: MEASURE_ROWS, measuresMax: MEASURES_MAX, rulesMax: RULES_MAX };
};

export const actions: Actions = {
	/** Adds a type (no `id`) or edits one; `editing` tells the page which form the errors belong to. */
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseActivityTypeForm(await event.request.formData());
		const editing = parsed.values.id || 'new';
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, editing });
		const result = saveActivityType(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values, editing });
		return { done: t(parsed.data.id === null ? 'activity.created' : 'activity.saved'), editing };
	},
	toggle: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		setActivityTypeActive(ctx, campaign.id, Number(form.get('id')), form.get('active') === 'true');
		return { toggled: true };
	}
};
