import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { councilGrants, verifierGrants } from '$lib/domain/permissions';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { reviewQueue } from '$lib/server/initiatives/review';
import { activityOptions } from '$lib/server/initiatives/queries';
import { anyCampaignLetsGrassrootsVerify, campaignChoices } from '$lib/server/campaigns/queries';
import { approveManyAction, doneMessage, stepAction } from '$lib/server/http/step-action';
import { unitsWithin } from '$lib/server/units/queries';
import { unitOptions } from '$lib/server/units/tree-view';
import { t } from '$lib/i18n';
import { idParam } from '$lib/schemas/fields';

const positive = (v: string | null) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null);

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const grants = verifierGrants(actor, anyCampaignLetsGrassrootsVerify(ctx.db), 'any');
	const council = councilGrants(actor);
	if (grants.length === 0 && council.length === 0) error(403, t('error.403'));
	const params = event.url.searchParams;
	const filters = {
		unitId: positive(params.get('don-vi')),
		activityTypeId: positive(params.get('loai')),
		olderThanDays: positive(params.get('cho'))
	};
	const page = params.has('trang') ? idParam(params.get('trang')) : 1;
	const queue = page < 1 ? null : reviewQueue(ctx.db, actor, filters, ctx.now, page);
	if (!queue) error(404, t('error.404'));
	const pageHref = (n: number) => {
		const query = new URLSearchParams(params);
		if (n > 1) query.set('trang', String(n));
		else query.delete('trang');
		return `?${query}`;
	};
	const scopeUnits = unitsWithin(
		ctx.db,
		grants.map((g) => g.unitPath)
	);
	return {
		filters,
		items: queue.items,
		total: queue.total,
		pageNumber: queue.page,
		pages: queue.pages,
		previousHref: queue.page > 1 ? pageHref(queue.page - 1) : null,
		nextHref: queue.page < queue.pages ? pageHref(queue.page + 1) : null,
		units: unitOptions(scopeUnits),
		activities: activityOptions(ctx.db),
		multiCampaign: campaignChoices(ctx.db).length > 1,
		now: ctx.now,
		doneElsewhere: doneMessage(event.url),
		watchUnits: [...grants, ...council].map((g) => g.unitId)
	};
};

export const actions: Actions = {
	approve: (event) => stepAction(event, 'approve'),
	return: (event) => stepAction(event, 'return'),
	reject: (event) => stepAction(event, 'reject'),
	approveMany: approveManyAction
};
