import { eq, inArray } from 'drizzle-orm';
import { campaigns, units } from '../db/schema';
import type { Db } from '../db/client';
import { campaignChoices } from '../campaigns/queries';
import { campaignsOfUnit } from '../campaigns/participation';
import { defaultTeamSettings, enrolmentScope, type TeamSettings } from '../../domain/teams';
import { idsOnPath } from '../../domain/units/tree';

/**
 * The one place pages and services learn a campaign's team kinds and enrolment level (its file's `teams`
 * section), or the built-in kinds and the depth-1 rule when it has none or there is
 * no campaign.
 */
export function teamSettingsOf(db: Db, campaignId: number | null): TeamSettings {
	if (campaignId === null) return defaultTeamSettings();
	const teams = db.select({ teams: campaigns.teamSettings }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.teams;
	return teams ? { kinds: teams.kinds, enrolFromLevel: teams.enrolFromLevel ?? null } : defaultTeamSettings();
}

/**
 * The campaign whose team settings a unit's teams follow when nothing chose one: the oldest campaign the unit
 * takes part in (teams do not record a campaign yet), else the installation's first.
 */
export function defaultTeamCampaignId(db: Db, unitId: number): number | null {
	return campaignsOfUnit(db, unitId)[0]?.id ?? campaignChoices(db)[0]?.id ?? null;
}

/** Every campaign's team kinds, oldest campaign first: labels for lists of teams from several campaigns. */
export function allTeamKinds(db: Db): TeamSettings['kinds'] {
	const seen = new Set<string>();
	return campaignChoices(db)
		.flatMap((c) => teamSettingsOf(db, c.id).kinds)
		.filter((k) => !seen.has(k.code) && !!seen.add(k.code));
}

/** The subtree a team in the unit at `unitPath` enrols members (and its leader) from. */
export function enrolmentScopeOf(db: Db, unitPath: string, settings: TeamSettings): string {
	const ids = idsOnPath(unitPath);
	const levels = new Map(
		db
			.select({ id: units.id, level: units.level })
			.from(units)
			.where(inArray(units.id, ids))
			.all()
			.map((u) => [u.id, u.level])
	);
	return enrolmentScope(
		ids.map((id) => ({ id, level: levels.get(id) ?? '' })),
		settings.enrolFromLevel
	);
}
