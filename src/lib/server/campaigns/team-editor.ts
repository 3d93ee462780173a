import { and, count, eq, like } from 'drizzle-orm';
import { campaigns, teams, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorizeCampaignConfig } from './configure';
import { editCampaign, slugOf, type Change, type EditResult } from './editors';
import { exportCampaign } from './export';
import { defaultTeamSettings } from '../../domain/teams';
import type { CampaignFile } from '../../domain/campaigns/format';
import type { TeamKindForm } from '../../schemas/campaign-editors';
import { t } from '../../i18n';

/** Teams of the campaign's tree (its owner's subtree) with this kind: such a kind stays in the campaign. */
function teamsOfKind(ctx: ServiceContext, campaignId: number, kind: string): number {
	const root = ctx.db
		.select({ path: units.path })
		.from(campaigns)
		.innerJoin(units, eq(units.id, campaigns.ownerUnitId))
		.where(eq(campaigns.id, campaignId))
		.get()!;
	return ctx.db
		.select({ n: count() })
		.from(teams)
		.innerJoin(units, eq(units.id, teams.unitId))
		.where(and(eq(teams.kind, kind), like(units.path, `${root.path}%`)))
		.get()!.n;
}

/** The campaign's team kinds (each with how many teams have it), its enrolment level and the levels to pick from. */
export function teamSettingsForEditor(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const file = exportCampaign(ctx.db, slugOf(ctx, campaignId))!;
	const section = file.teams ?? defaultTeamSettings();
	return {
		kinds: section.kinds.map((k) => ({ ...k, teams: teamsOfKind(ctx, campaignId, k.code) })),
		enrolFromLevel: section.enrolFromLevel ?? '',
		levels: file.levels.map((l) => ({ code: l.code, label: l.label }))
	};
}

/** The file's teams section, written out with the built-in kinds when the campaign had none (the same kinds as before). */
function teamsSection(file: CampaignFile): NonNullable<CampaignFile['teams']> {
	file.teams ??= { kinds: defaultTeamSettings().kinds };
	return file.teams;
}

/** Adds a team kind, or renames the one named by `original`; its code never changes (teams carry it). */
export function saveTeamKind(ctx: ServiceContext, campaignId: number, input: TeamKindForm): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const section = teamsSection(file);
		const value = { code: input.code, label: input.label };
		if (!input.original) {
			if (section.kinds.some((k) => k.code === input.code))
				return { refused: { code: t('campaignEdit.teamKindTaken', { code: input.code }) } };
			section.kinds.push(value);
			return { at: `teams.kinds[${section.kinds.length - 1}]`, action: 'campaign.team_kind_create', after: value };
		}
		if (input.code !== input.original) return { refused: { code: t('campaignEdit.codeFixed') } };
		const i = section.kinds.findIndex((k) => k.code === input.original);
		if (i < 0) return { refused: { _: t('campaignEdit.teamKindMissing') } };
		const before = { ...section.kinds[i]! };
		section.kinds[i] = value;
		return { at: `teams.kinds[${i}]`, action: 'campaign.team_kind_update', before, after: value };
	});
}

/** Takes a kind out of the campaign; refused while a team of the campaign's tree has it, and for the last kind. */
export function deleteTeamKind(ctx: ServiceContext, campaignId: number, code: string): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const section = teamsSection(file);
		const i = section.kinds.findIndex((k) => k.code === code);
		if (i < 0) return { refused: { _: t('campaignEdit.teamKindMissing') } };
		if (section.kinds.length === 1) return { refused: { _: t('campaignEdit.lastTeamKind') } };
		const [removed] = section.kinds.splice(i, 1);
		return {
			at: 'teams.kinds',
			action: 'campaign.team_kind_delete',
			before: { ...removed },
			after: {},
			// The import refuses it (a team has the kind); say so plainly.
			refusal: t('campaignEdit.teamKindInUse', { code })
		};
	});
}

/** Sets the level teams enrol from; empty goes back to the rule from before campaign files (depth 1). */
export function saveEnrolLevel(ctx: ServiceContext, campaignId: number, level: string): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const section = teamsSection(file);
		const before = { enrolFromLevel: section.enrolFromLevel ?? null };
		if (level) section.enrolFromLevel = level;
		else delete section.enrolFromLevel;
		return { at: 'teams', action: 'campaign.team_enrol_level', before, after: { enrolFromLevel: level || null } };
	});
}
