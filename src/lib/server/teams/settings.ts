import { eq, inArray } from 'drizzle-orm';
import { campaigns, units } from '../db/schema';
import type { Db } from '../db/client';
import { campaignPolicy } from '../campaigns/queries';
import { defaultTeamSettings, enrolmentScope, type TeamSettings } from '../../domain/teams';
import { idsOnPath } from '../../domain/units/tree';

/**
 * The one place pages and services learn a campaign's team kinds and enrolment level (its file's `teams`
 * section, stored beside its words), or the built-in kinds and the depth-1 rule when it has none or there is
 * no campaign.
 */
export function teamSettingsOf(db: Db, campaignId: number | null): TeamSettings {
	if (campaignId === null) return defaultTeamSettings();
	const row = db.select({ vocabulary: campaigns.vocabulary }).from(campaigns).where(eq(campaigns.id, campaignId)).get();
	const teams = row?.vocabulary.teams;
	return teams ? { kinds: teams.kinds, enrolFromLevel: teams.enrolFromLevel ?? null } : defaultTeamSettings();
}

/** The campaign teams belong to when nothing chose one: the installation's first (teams do not record a campaign yet). */
export function defaultTeamCampaignId(db: Db): number | null {
	return campaignPolicy(db)?.id ?? null;
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
