import { and, eq } from 'drizzle-orm';
import { teams } from '../db/schema';
import type { Db } from '../db/client';
import { can, type Actor } from '../../domain/permissions';
import { activeUnits, getUnit, type UnitRow } from '../units/queries';
import { peopleInScope, teamsOf } from '../teams/queries';
import { activityCatalogue } from './queries';
import { campaignOfType, campaignsOfUnit } from '../campaigns/participation';
import { campaignChoices } from '../campaigns/queries';
import { contributorOptions } from '../contributors/service';

/** Units the actor may log work for: where they administer, and the units of teams they lead. */
export function unitsToLogFor(db: Db, actor: Actor): UnitRow[] {
	const led = new Set(
		teamsOf(db, actor.personId)
			.filter((t) => t.leaderId === actor.personId)
			.map((t) => t.unitId)
	);
	// Work logged without a team: the facts are the unit itself, so no per-unit queries are needed. Who may
	// log does not depend on any campaign's verification policy.
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
					grassrootsMayVerify: false,
					councilSize: 0,
					// Before a campaign is chosen only roles of every campaign count (scoped roles verify, they do not log).
					campaignId: null
				})
		)
		.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What the initiative form offers for one unit: the campaigns it takes part in, the catalogue of the chosen
 * one (`campaign`: a slug from the page's choice, or the id an edited initiative already belongs to; else
 * the unit's oldest campaign), the unit's teams, the people and contributors who can be credited.
 */
export function formOptions(db: Db, unitId: number, campaign: { slug: string | null } | { activityTypeId: number } = { slug: null }) {
	const unit = getUnit(db, unitId)!;
	const joined = campaignsOfUnit(db, unitId);
	const wantedId = 'activityTypeId' in campaign ? campaignOfType(db, campaign.activityTypeId)?.id : undefined;
	const chosen =
		'activityTypeId' in campaign ? joined.find((c) => c.id === wantedId) : (joined.find((c) => c.slug === campaign.slug) ?? joined[0]);
	return {
		campaigns: joined.map((c) => ({ slug: c.slug, name: c.name })),
		campaignSlug: chosen?.slug ?? null,
		campaignName: chosen?.name ?? null,
		// The campaign's name is shown beside the work only where the installation runs more than one.
		multiCampaign: campaignChoices(db).length > 1,
		catalogue: chosen ? activityCatalogue(db, chosen.id) : [],
		teams: db
			.select({ id: teams.id, name: teams.name })
			.from(teams)
			.where(and(eq(teams.unitId, unitId)))
			.all(),
		people: peopleInScope(db, unit.path, 500).map((p) => ({ id: p.id, fullName: p.fullName })),
		/** Read by components/ContributorsField.svelte from the page's data. */
		contributors: contributorOptions(db, chosen?.id ?? null, unit.path)
	};
}
