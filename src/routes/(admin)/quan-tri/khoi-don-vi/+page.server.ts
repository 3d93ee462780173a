import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { setTagUnits, tagsWithUnits, unitTagsOf } from '$lib/server/figures/tags';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { tags: tagsWithUnits(ctx.db, campaign.id) };
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		const tagCode = String(form.get('tag') ?? '');
		const text = String(form.get('units') ?? '');
		const result = setTagUnits(ctx, { campaignId: campaign.id, tagCode, text });
		if (!result.ok)
			return fail(400, {
				tag: tagCode,
				error: result.problems ? t(result.error, { count: result.problems.length }) : t(result.error),
				problems: (result.problems ?? []).slice(0, 100).map((p) => ({ line: p.line, message: t(p.error), text: p.text })),
				text: text.slice(0, 100_000)
			});
		const label = unitTagsOf(ctx.db, campaign.id).find((tag) => tag.code === tagCode)!.label;
		return { tag: tagCode, done: t('unitTags.saved', { count: result.count, label }) };
	}
};
