import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { externalIndicesOf, importExternalScores, importedYears } from '$lib/server/figures/external';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	const years = importedYears(ctx.db, campaign.id);
	return {
		indices: externalIndicesOf(ctx.db, campaign.id).map((i) => ({ ...i, years: years.get(i.code) ?? [] })),
		thisYear: new Date(ctx.now).getUTCFullYear()
	};
};

export const actions: Actions = {
	import: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		const field = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const input = { campaignId: campaign.id, indexCode: field('index'), year: field('year'), text: field('table') };
		const result = importExternalScores(ctx, input);
		if (!result.ok)
			return fail(400, {
				error: result.problems ? t(result.error, { count: result.problems.length }) : t(result.error),
				problems: (result.problems ?? []).slice(0, 100).map((p) => ({ line: p.line, message: t(p.error), text: p.text })),
				values: { index: input.indexCode, year: input.year, table: input.text.slice(0, 200_000) }
			});
		const index = externalIndicesOf(ctx.db, campaign.id).find((i) => i.code === input.indexCode)!;
		return { done: t('externalScores.imported', { count: result.count, index: index.name, year: input.year }) };
	}
};
