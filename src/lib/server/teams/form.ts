import type { Db } from '../db/client';
import { teamSchema } from '../../schemas/team';
import { idList } from '../../schemas/initiative';
import { parseForm } from '../../schemas/fields';
import { t } from '../../i18n';
import type { TeamInput } from './service';
import { getUnit } from '../units/queries';
import { peopleInScope } from './queries';
import { activityCatalogue } from '../initiatives/queries';
import { campaignsOfUnit } from '../campaigns/participation';
import { defaultTeamCampaignId, enrolmentScopeOf, teamSettingsOf } from './settings';
import { people } from '../db/schema';
import { eq } from 'drizzle-orm';

export type TeamFormRead =
	| { ok: true; input: TeamInput; values: Record<string, string> }
	| { ok: false; errors: Record<string, string>; values: Record<string, string>; focus: number[] };

export function readTeamForm(form: FormData): TeamFormRead {
	const parsed = parseForm(teamSchema, form);
	const focus = idList(form, 'focus', 50);
	if (!parsed.ok || focus === null) {
		const errors = parsed.ok ? {} : parsed.errors;
		if (focus === null) errors.focus = t('validation.tooManyChoices');
		return { ok: false, errors, values: parsed.values, focus: focus ?? [] };
	}
	return { ok: true, input: { ...parsed.data, focus }, values: parsed.values };
}

/**
 * Choices for the team form in one unit: the campaign's team kinds, who can lead (the unit's people first, then the
 * others of the subtree the team enrols from, and the person filling the form) and the activities.
 */
export function teamFormOptions(db: Db, unitId: number, actorId: number, campaignId?: number) {
	const unit = getUnit(db, unitId)!;
	const settings = teamSettingsOf(db, campaignId ?? defaultTeamCampaignId(db, unitId));
	const seen = new Set<number>();
	const leaders = [...peopleInScope(db, unit.path, 500), ...peopleInScope(db, enrolmentScopeOf(db, unit.path, settings), 500)]
		.filter((p) => !seen.has(p.id) && !!seen.add(p.id))
		.map((p) => ({ id: p.id, fullName: p.fullName }));
	if (!leaders.some((l) => l.id === actorId)) {
		const me = db.select({ id: people.id, fullName: people.fullName }).from(people).where(eq(people.id, actorId)).get();
		if (me) leaders.unshift(me);
	}
	// A team works for its unit, so in every campaign the unit takes part in.
	const joined = campaignsOfUnit(db, unitId);
	const activities = joined.flatMap((c) =>
		activityCatalogue(db, c.id).map((a) => ({ id: a.id, name: joined.length > 1 ? `${c.name} · ${a.name}` : a.name }))
	);
	return { kinds: settings.kinds, leaders, activities };
}
