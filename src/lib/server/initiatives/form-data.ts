import { and, eq } from 'drizzle-orm';
import { teams } from '../db/schema';
import type { Db } from '../db/client';
import { can, type Actor } from '../../domain/permissions';
import { activeUnits, getUnit, type UnitRow } from '../units/queries';
import { peopleInScope, teamsOf } from '../teams/queries';
import { activityCatalogue } from './queries';
import { campaignPolicy } from '../campaigns/queries';
import { contributorOptions } from '../contributors/service';

/** Units the actor may log work for: where they administer, and the units of teams they lead. */
export function unitsToLogFor(db: Db, actor: Actor): UnitRow[] {
	const led = new Set(
		teamsOf(db, actor.personId)
			.filter((t) => t.leaderId === actor.personId)
			.map((t) => t.unitId)
	);
	const grassrootsMayVerify = campaignPolicy(db)?.grassrootsMayVerify ?? false;
	// Work logged without a team: the facts are the unit itself, so no per-unit queries are needed.
	return activeUnits(db)
		.filter(
			(u) =>
				led.has(u.id) ||
				can(actor, 'initiative.create', {
					kind: 'initiative',
					unit: { id: u.id, path: u.path, active: u.active },
					authorId: actor.personId,
					teamLeaderId: null,
					teamMemberIds: [],
					handledBy: [],
					grassrootsMayVerify,
					councilSize: 0
				})
		)
		.sort((a, b) => a.path.localeCompare(b.path));
}

/** What the initiative form offers for one unit: the catalogue, the unit's teams, the people and contributors who can be credited. */
export function formOptions(db: Db, unitId: number) {
	const unit = getUnit(db, unitId)!;
	const campaign = campaignPolicy(db);
	return {
		catalogue: campaign ? activityCatalogue(db, campaign.id) : [],
		teams: db
			.select({ id: teams.id, name: teams.name })
			.from(teams)
			.where(and(eq(teams.unitId, unitId)))
			.all(),
		people: peopleInScope(db, unit.path, 500).map((p) => ({ id: p.id, fullName: p.fullName })),
		/** Read by components/ContributorsField.svelte from the page's data. */
		contributors: contributorOptions(db, campaign?.id ?? null, unit.path)
	};
}
