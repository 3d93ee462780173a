import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { joinTeam, teamForInvite } from '$lib/server/teams/service';
import { getUnit } from '$lib/server/units/queries';
import { t } from '$lib/i18n';

/** Opened from the leader's QR code; anyone may look, joining needs an account in the team's district. */
export const load: PageServerLoad = (event) => {
	const { params, locals, url, setHeaders } = event;
	setHeaders({ 'referrer-policy': 'strict-origin', 'cache-control': 'no-store' });
	const { db, now } = serviceContext(event);
	const team = teamForInvite(db, params.token, now);
	return {
		team: team ? { id: team.id, name: team.name, unitName: getUnit(db, team.unitId)?.name ?? '' } : null,
		signedIn: !!locals.actor,
		loginHref: `/dang-nhap?next=${encodeURIComponent(url.pathname)}`
	};
};

export const actions: Actions = {
	default: (event) => {
		requireActor(event);
		const result = joinTeam(serviceContext(event), event.params.token);
		if (!result.ok) return fail(400, { error: t(result.error) });
		redirect(303, `/doi-hinh/${result.team.id}?da-tham-gia=1`);
	}
};
