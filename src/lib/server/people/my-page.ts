import { publishedAwards } from '../awards/nominations';
import type { AppContext } from '../context';
import { type Actor, adminUnitIds, can } from '../../domain/permissions';
import { myInitiatives } from '../initiatives/review';
import { unitsToLogFor } from '../initiatives/form-data';
import { teamsOf } from '../teams/queries';
import { campaignChoices } from '../campaigns/queries';
import { allPeriods } from '../scoring/periods';
import { awardsOf } from '../scoring/badges';
import { recentPointsOf } from '../scoring/boards';
import { boardKey } from '../../domain/scoring/boards';
import { idsOnPath } from '../../domain/units/tree';
import { getUnit } from '../units/queries';
import { myOwnClaims, ownClaimsToConfirm, pendingClaimCounts } from '../initiatives/claims';

/** "Của tôi": my points and rank per period, badges, latest points, my work and what came back, my teams. */
export async function myPage(ctx: AppContext, actor: Actor) {
	const { db, boards } = ctx;
	const teams = teamsOf(db, actor.personId);
	const mine = myInitiatives(
		db,
		actor.personId,
		teams.map((t) => t.id)
	);
	// Members' claims wait on the work its logger (or its team's leader) prepares.
	const ledTeams = new Set(teams.filter((t) => t.leaderId === actor.personId).map((t) => t.id));
	const claims = pendingClaimCounts(
		db,
		mine.filter((i) => i.authorId === actor.personId || (i.teamId !== null && ledTeams.has(i.teamId))).map((i) => i.id)
	);
	const canLog = unitsToLogFor(db, actor).length > 0;
	const choices = campaignChoices(db);
	const points = [];
	for (const campaign of choices) {
		// Ranked across the whole tree their work is in (for the owner's own tree, the owner's board): a unit
		// that joined another organisation's campaign competes within its own tree there.
		const path = db.$client
			.prepare("select scope_path from point_entries where subject_type = 'member' and subject_id = ? and campaign_id = ? limit 1")
			.pluck()
			.get(actor.personId, campaign.id) as string | undefined;
		const root = path ? idsOnPath(path)[0] : undefined;
		if (root === undefined) continue;
		const scope = getUnit(db, root)?.name ?? '';
		for (const p of allPeriods(db, campaign.id)) {
			const key = boardKey({ campaignId: campaign.id, subjectType: 'member', scopeUnitId: root, periodCode: p.code, area: null });
			const row = await boards.row(key, String(actor.personId));
			if (row)
				points.push({
					key,
					code: p.code,
					name: p.name,
					campaignName: choices.length > 1 ? campaign.name : null,
					points: row.score,
					rank: row.rank,
					scope,
					href: `/bang-xep-hang/giai-thich?bang=${encodeURIComponent(key)}&id=${actor.personId}`
				});
		}
	}
	return {
		hasCampaign: choices.length > 0,
		multiCampaign: choices.length > 1,
		points,
		badges: awardsOf(db, { type: 'member', id: actor.personId }),
		awards: publishedAwards({ db }, { personId: actor.personId }),
		history: recentPointsOf(db, actor.personId),
		// Drafts too: saving is not sending, and a saved draft waits for its "Gửi" like returned work waits for its fix.
		attention: mine
			.filter((i) => i.status === 'draft' || i.status === 'returned' || i.status === 'rejected')
			.map((i) => ({ ...i, claims: claims.get(i.id) ?? 0 })),
		initiatives: mine,
		teams: teams.map((t) => ({ id: t.id, name: t.name, leads: t.leaderId === actor.personId })),
		canLog,
		// Members tell their branch of work of their own; those who log work turn it into a work of the unit.
		ownClaims: myOwnClaims(db, actor.personId),
		ownToConfirm: canLog ? ownClaimsToConfirm(ctx, actor) : [],
		canAdmin: can(actor, 'admin.access'),
		// Teams are registered by a unit's admins: nobody else is offered a form that would refuse them.
		canCreateTeam: adminUnitIds(actor).length > 0,
		// Their initiatives' units: a decision on one of them refreshes this page.
		watchUnits: [...new Set(mine.map((i) => i.unitId))].slice(0, 10)
	};
}
