import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { teamDetail } from '$lib/server/teams/queries';
import { issueTeamInvite, removeTeamMember } from '$lib/server/teams/service';
import { publicFeed } from '$lib/server/initiatives/queries';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { shareableLink } from '$lib/server/http/links';
import { can } from '$lib/domain/permissions';
import { t } from '$lib/i18n';
import { defaultTeamCampaignId, teamSettingsOf } from '$lib/server/teams/settings';
import { teamKindLabel } from '$lib/domain/teams';

export const load: PageServerLoad = (event) => {
	const { params, locals } = event;
	const { db } = serviceContext(event);
	const detail = teamDetail(db, Number(params.id));
	if (!detail) error(404, t('error.404'));
	const manage = can(locals.actor, 'team.manage', {
		kind: 'team',
		unit: { id: detail.team.unitId, path: detail.unitPath, active: detail.unitActive },
		leaderId: detail.team.leaderId
	});
	return {
		// Back from the invite's "Tham gia": say it worked.
		joined: event.url.searchParams.has('da-tham-gia') && !!locals.actor,
		team: {
			id: detail.team.id,
			name: detail.team.name,
			kindLabel: teamKindLabel(teamSettingsOf(db, defaultTeamCampaignId(db, detail.team.unitId)).kinds, detail.team.kind),
			unitId: detail.team.unitId,
			unitName: detail.unitName,
			leaderName: detail.leaderName,
			servedPlaces: detail.team.servedPlaces,
			helpers: detail.team.helpers.length,
			activeFrom: detail.team.activeFrom,
			activeTo: detail.team.activeTo
		},
		memberCount: detail.members.length,
		// The public sees the public names; the leader and admins see whom they manage.
		members: manage ? detail.members.map((m) => ({ id: m.id, name: m.fullName, isLeader: m.id === detail.team.leaderId })) : [],
		focus: detail.focus.map((f) => f.name),
		initiatives: publicFeed(db, { teamId: detail.team.id }, 20).map((i) => ({ id: i.id, title: i.title, startedOn: i.startedOn })),
		manage
	};
};

export const actions: Actions = {
	invite: async (event) => {
		requireActor(event);
		const token = issueTeamInvite(serviceContext(event), Number(event.params.id));
		if (!token) error(404, t('error.404'));
		return { invite: await shareableLink(event, `/doi-hinh/tham-gia/${token}`) };
	},
	removeMember: async (event) => {
		requireActor(event);
		const personId = Number((await event.request.formData()).get('personId'));
		removeTeamMember(serviceContext(event), Number(event.params.id), personId);
		return { memberRemoved: true };
	}
};
