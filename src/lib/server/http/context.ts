import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../domain/permissions';
import { t } from '../../i18n';
import { CAMPAIGN_PARAM } from '../../campaign-param';
import type { AppContext } from '../context';
import { getRuntime } from '../runtime';
import { campaignChoices, chosenCampaign, type CampaignChoice } from '../campaigns/queries';
import { authorizeCampaignConfig, configurableCampaigns } from '../campaigns/configure';

/**
 * The door between SvelteKit and the services: the request's context (the process's database, boards and
 * publisher, the person, the time) with refusals turned into error pages. hooks.server.ts only identifies
 * the person; every load, action and endpoint asks for its context here.
 */
export function serviceContext(event: Pick<RequestEvent, 'locals'>): AppContext {
	const { db, config, boards, live } = getRuntime();
	return {
		db,
		config,
		boards,
		live,
		actor: event.locals.actor,
		now: Date.now(),
		ipHash: event.locals.ipHash,
		requestId: event.locals.requestId,
		deny: (refusal, message) =>
			error(refusal === 'forbidden' ? 403 : 404, t(message ?? (refusal === 'forbidden' ? 'error.403' : 'error.404')))
	};
}

export const SECOND_FACTOR_PAGE = '/tai-khoan/xac-thuc-hai-buoc';

/**
 * Signed in, or off to the login page (and back here afterwards). A privileged account past its grace period
 * without a second factor gets only the enrolment page until it has one.
 */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	if (!event.locals.actor) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/dang-nhap?next=${encodeURIComponent(next)}`);
	}
	if (event.locals.secondFactor?.standing === 'overdue' && event.url.pathname !== SECOND_FACTOR_PAGE) redirect(303, SECOND_FACTOR_PAGE);
	return event.locals.actor;
}

/**
 * The campaign a public page is about, from `?phong-trao=SLUG` (the installation's default without it); null
 * while there is no campaign yet; a 404 page for a slug that names none.
 */
export function campaignFromUrl(event: Pick<RequestEvent, 'url'>, db: AppContext['db']): CampaignChoice | null {
	const chosen = chosenCampaign(campaignChoices(db), event.url.searchParams.get(CAMPAIGN_PARAM));
	if (chosen === 'unknown') error(404, t('campaign.unknown'));
	return chosen;
}

/**
 * The campaign an admin configuration page edits: the one `?phong-trao=SLUG` names, else the first this person
 * may configure; refused (403/404) unless they may configure it.
 */
export function configuredCampaign(event: Pick<RequestEvent, 'url'>, ctx: AppContext): CampaignChoice {
	const slug = event.url.searchParams.get(CAMPAIGN_PARAM);
	const chosen = slug
		? chosenCampaign(campaignChoices(ctx.db), slug)
		: (configurableCampaigns(ctx)[0] ?? campaignChoices(ctx.db)[0] ?? null);
	if (chosen === 'unknown') error(404, t('campaign.unknown'));
	authorizeCampaignConfig(ctx, chosen?.id ?? -1);
	return chosen!;
}

/** A configuration page's request: signed in, its context, and the campaign it edits (authorized). */
export function configuring(event: Pick<RequestEvent, 'locals' | 'url'>): { ctx: AppContext; campaign: CampaignChoice } {
	requireActor(event);
	const ctx = serviceContext(event);
	return { ctx, campaign: configuredCampaign(event, ctx) };
}
