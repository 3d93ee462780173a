import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { figuresPage } from '$lib/server/figures/page';
import { recordStock, verifyStock } from '$lib/server/figures/stocks';
import { idParam } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const page = figuresPage(serviceContext(event), {
		campaign: q.get('phong-trao'),
		unit: q.get('don-vi'),
		period: q.get('ky'),
		cutoff: q.get('den-ngay')
	});
	if (!page) error(404, t('campaign.unknown'));
	// Said in words here: the browser holds only the messages its own modules name.
	return { ...page, problems: (('problems' in page && page.problems) || []).map((key) => t(key)) };
};

const field = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	stock: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const whole = (name: string) => idParam(form.get(name));
		const result = recordStock(serviceContext(event), {
			campaignId: whole('campaignId'),
			unitId: whole('unitId'),
			code: field(form, 'code'),
			value: field(form, 'value'),
			onDay: field(form, 'onDay')
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, t(result.error));
			return fail(400, {
				stockError: t(result.error),
				code: field(form, 'code'),
				value: field(form, 'value'),
				onDay: field(form, 'onDay')
			});
		}
		return { stockDone: t('stocks.saved') };
	},
	verifyStock: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const whole = (name: string) => idParam(form.get(name));
		const result = verifyStock(serviceContext(event), {
			campaignId: whole('campaignId'),
			unitId: whole('unitId'),
			code: field(form, 'code')
		});
		if (!result.ok) {
			if (result.problem === 'forbidden' && result.error === 'stocks.forbiddenVerify') error(403, t(result.error));
			return fail(400, { stockError: t(result.error) });
		}
		return { stockDone: t('stocks.verified') };
	}
};
