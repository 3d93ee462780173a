import type { AppContext } from '../context';
import { type Actor, can } from '../../domain/permissions';
import { myInitiatives } from '../initiatives/review';
import { unitsToLogFor } from '../initiatives/form-data';
import { teamsOf } from '../teams/queries';
import { currentCampaign } from '../campaigns/queries';
import { allPeriods } from '../scoring/periods';
import { awardsOf } from '../scoring/badges';
import { recentPointsOf } from '../scoring/boards';
import { boardKey } from '../../domain/scoring/boards';

/** "Của tôi": my points and rank per period, badges, latest points, my work and what came back, my teams. */
export async function myPage(ctx: AppContext, actor: Actor) {
	const { db, boards } = ctx;
	const teams = teamsOf(db, actor.personId);
	const mine = myInitiatives(
		db,
		actor.personId,
		teams.map((t) => t.id)
	);
	const campaign = currentCampaign(db);
	const root = campaign?.campaign.ownerUnitId ?? 0;
	const points = [];
	for (const p of campaign ? allPeriods(db, campaign.campaign.id) : []) {
		const key = boardKey({ campaignId: p.campaignId, subjectType: 'member', scopeUnitId: root, periodCode: p.code, area: null });
		const row = await boards.row(key, String(actor.personId));
		if (row)
			points.push({
				code: p.code,
				name: p.name,
				points: row.score,
				rank: row.rank,
				href: `/bang-xep-hang/giai-thich?bang=${encodeURIComponent(key)}&id=${actor.personId}`
			});
	}
	return {
		hasCampaign: !!campaign,
		points,
		badges: awardsOf(db, { type: 'member', id: actor.personId }),
		history: recentPointsOf(db, actor.personId),
		attention: mine.filter((i) => i.status === 'returned' || i.status === 'rejected'),
		initiatives: mine,
		teams: teams.map((t) => ({ id: t.id, name: t.name, leads: t.leaderId === actor.personId })),
		canLog: unitsToLogFor(db, actor).length > 0,
		canAdmin: can(actor, 'admin.access'),
		// Their initiatives' units: a decision on one of them refreshes this page.
		watchUnits: [...new Set(mine.map((i) => i.unitId))].slice(0, 10)
	};
}
