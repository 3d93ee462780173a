import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { awardFormsForEditor, deleteAwardForm, saveAwardForm } from '$lib/server/awards/editor';
import { awardCouncil, setAwardCouncil } from '$lib/server/awards/council';
import { councilText } from '$lib/domain/awards/council';
import { readAwardFormFields } from '$lib/schemas/campaign-editors';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { ...awardFormsForEditor(ctx, campaign.id), council: councilText(awardCouncil(ctx.db, campaign.id)) };
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		const original = String(form.get('original') ?? '');
		const read = readAwardFormFields(form);
		if (!read.ok) return fail(400, { original, errors: read.errors });
		const result = saveAwardForm(ctx, campaign.id, read.data);
		if (!result.ok) return fail(400, { original, errors: result.errors });
		return { original: read.data.code, done: t('awards.saved') };
	},
	council: async (event) => {
		const { ctx, campaign } = configuring(event);
		const text = String((await event.request.formData()).get('members') ?? '');
		const result = setAwardCouncil(ctx, campaign.id, text);
		if (!result.ok) {
			if (result.forbidden) error(403, result.error);
			return fail(400, { councilError: result.error, councilText: text });
		}
		return { councilDone: t('council.award.saved') };
	},
	delete: async (event) => {
		const { ctx, campaign } = configuring(event);
		const code = String((await event.request.formData()).get('code') ?? '');
		const result = deleteAwardForm(ctx, campaign.id, code);
		if (!result.ok) return fail(409, { original: code, errors: result.errors });
		return { done: t('campaignEdit.saved') };
	}
};
