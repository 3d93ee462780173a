import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { allBadgeDefinitions, saveBadge, setBadgeActive } from '$lib/server/scoring/badge-definitions';
import { BADGE_ICONS } from '$lib/domain/scoring/badges';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return {
		icons: BADGE_ICONS,
		badges: allBadgeDefinitions(ctx.db, campaign.id).map((b) => ({ ...b, spec: JSON.stringify(b.spec) }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		const values = Object.fromEntries(
			['code', 'name', 'howToEarn', 'icon', 'spec'].map((k) => [k, String(form.get(k) ?? '').slice(0, 5000)])
		);
		let spec: unknown;
		try {
			spec = JSON.parse(values.spec!);
		} catch {
			return fail(400, { errors: [t('badgesAdmin.badJson')], values });
		}
		const result = saveBadge(ctx, campaign.id, {
			code: values.code,
			name: values.name,
			howToEarn: values.howToEarn,
			icon: values.icon,
			spec
		});
		if (!result.ok) return fail(400, { errors: result.errors, values });
		return { done: t('badgesAdmin.saved', { changes: result.changes }) };
	},
	toggle: async (event) => {
		const { ctx, campaign } = configuring(event);
		const form = await event.request.formData();
		setBadgeActive(ctx, campaign.id, String(form.get('code')), form.get('active') === 'true');
		return { done: t('badgesAdmin.toggled') };
	}
};
