import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/auth/guard';
import { myInitiatives } from '$lib/server/initiatives/review';
import { teamsOf } from '$lib/server/teams/queries';
import { unitsToLogFor } from '$lib/server/initiatives/form-data';
import { can } from '$lib/domain/permissions';
import { and, desc, eq } from 'drizzle-orm';
import { getRuntime } from '$lib/server/runtime';
import { currentCampaign } from '$lib/server/campaigns/queries';
import { allPeriods } from '$lib/server/scoring/ledger';
import { awardsOf } from '$lib/server/scoring/badges';
import { initiatives, pointEntries } from '$lib/server/db/schema';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const teams = teamsOf(ctx.db, actor.personId);
	const mine = myInitiatives(ctx.db, actor.personId, teams.map((t) => t.id));
	const { boards } = getRuntime();
	const campaign = currentCampaign(ctx.db);
	const root = campaign?.campaign.ownerUnitId ?? 0;
	const points = [];
	for (const p of allPeriods(ctx.db)) {
		const row = await boards.row(`member|${root}|${p.code}`, String(actor.personId));
		if (row) points.push({ code: p.code, name: p.name, points: row.score, rank: row.rank, href: `/bang-xep-hang/giai-thich?bang=${encodeURIComponent(`member|${root}|${p.code}`)}&id=${actor.personId}` });
	}
	const history = ctx.db
		.select({ id: pointEntries.id, points: pointEntries.points, kind: pointEntries.kind, initiativeId: pointEntries.initiativeId, title: initiatives.title, day: pointEntries.activityDate })
		.from(pointEntries)
		.innerJoin(initiatives, eq(initiatives.id, pointEntries.initiativeId))
		.where(and(eq(pointEntries.subjectType, 'member'), eq(pointEntries.subjectId, actor.personId)))
		.orderBy(desc(pointEntries.id))
		.limit(20)
		.all();
	return {
		points,
		badges: awardsOf(ctx.db, { type: 'member', id: actor.personId }),
		history,
		attention: mine.filter((i) => i.status === 'returned' || i.status === 'rejected'),
		initiatives: mine,
		teams: teams.map((t) => ({ id: t.id, name: t.name, leads: t.leaderId === actor.personId })),
		canLog: unitsToLogFor(ctx.db, actor).length > 0,
		canAdmin: can(actor, 'admin.access'),
		// Their initiatives' units: a decision on one of them refreshes this page.
		watchUnits: [...new Set(mine.map((i) => i.unitId))].slice(0, 10)
	};
};
