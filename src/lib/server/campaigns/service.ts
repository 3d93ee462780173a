import { and, asc, eq, isNull } from 'drizzle-orm';
import { campaigns, periods, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize, refuse } from '../auth/authorize';
import { authorizeCampaignConfig, authorizeInstallationConfig, campaignOwner } from './configure';
import { importCampaign, resolveOwner, type ImportOutcome } from './import';
import { readCampaignFile, planSummary, type CampaignPlan, type FileProblem } from '../../domain/campaigns/validate';
import { can } from '../../domain/permissions';
import { recordAudit } from '../audit';
import { exportCampaign } from './export';
import type { CampaignBasics } from '../../schemas/campaign';
import { t } from '../../i18n';
import { formatDate } from '../../format';

/** Largest campaign file the page takes: the four shipped files are 14-20 KB. */
export const CAMPAIGN_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Who may bring in a campaign file at all, decided before the upload is read: the standing office of the
 * installation's campaign, or (no campaign yet) a province admin over a root unit.
 */
export function authorizeCampaignImport(ctx: ServiceContext): void {
	if (campaignOwner(ctx.db)) return authorizeCampaignConfig(ctx);
	authorizeInstallationConfig(ctx);
}

/** Units an admin may make the owner of a new campaign (the page's choice when the file's owner is not here). */
export function ownerChoices(ctx: ServiceContext): Array<{ id: number; name: string; depth: number }> {
	return ctx.db
		.select()
		.from(units)
		.where(eq(units.active, true))
		.orderBy(asc(units.path))
		.all()
		.filter((u) => can(ctx.actor, 'campaign.configure', { kind: 'unit', unit: u }))
		.slice(0, 500)
		.map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
}

export type CampaignFileResult =
	| { ok: true; summary: string; plan: CampaignPlan; changes: string[]; created: boolean; campaignId: number; slug: string }
	| { ok: false; errors: FileProblem[] };

/**
 * Reads, checks and (unless `preview`) imports a campaign file as the signed-in admin. Scope is checked on
 * what the file touches: the existing campaign of that slug, or the unit that will own the new one. A
 * preview runs the whole import and rolls it back, so it reports exactly what confirming would do.
 */
export function importCampaignText(
	ctx: ServiceContext,
	text: string,
	options: { ownerUnitId?: number; preview: boolean }
): CampaignFileResult {
	authorizeCampaignImport(ctx);
	const read = readCampaignFile(text);
	if (!read.ok) return read;
	const existing = ctx.db.select().from(campaigns).where(eq(campaigns.slug, read.file.slug)).get();
	if (existing) authorizeCampaignConfig(ctx, existing.id);
	else {
		const owner = resolveOwner(ctx.db, read.file.owner, options.ownerUnitId);
		if ('message' in owner) return { ok: false, errors: [owner] };
		if ('create' in owner) refuse(ctx, 'forbidden');
		const unit = ctx.db.select().from(units).where(eq(units.id, owner.id)).get()!;
		authorize(ctx, 'campaign.configure', { kind: 'unit', unit });
	}
	const outcome: ImportOutcome = importCampaign(ctx.db, read.file, ctx, { ownerUnitId: options.ownerUnitId, dryRun: options.preview });
	if (!outcome.ok) return outcome;
	return {
		ok: true,
		summary: planSummary(outcome.plan),
		plan: outcome.plan,
		changes: outcome.changes,
		created: outcome.created,
		campaignId: outcome.campaignId,
		slug: read.file.slug
	};
}

/** The basics form's values for one campaign. */
export function campaignBasicsFor(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get()!;
	return {
		slug: campaign.slug,
		values: {
			name: campaign.name,
			theme: campaign.theme,
			startsOn: campaign.startsOn,
			endsOn: campaign.endsOn,
			standingOffice: campaign.standingOffice,
			member: campaign.vocabulary.member ?? '',
			branch: campaign.vocabulary.branch ?? '',
			secretary: campaign.vocabulary.secretary ?? '',
			admin: campaign.vocabulary.admin ?? '',
			homeText: campaign.vocabulary.homeText ?? ''
		}
	};
}

export type BasicsResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Saves the basics; refuses dates that would leave one of the campaign's periods outside them. */
export function updateCampaignBasics(ctx: ServiceContext, campaignId: number, input: CampaignBasics): BasicsResult {
	authorizeCampaignConfig(ctx, campaignId);
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get()!;
	const outside = ctx.db
		.select()
		.from(periods)
		.where(eq(periods.campaignId, campaign.id))
		.orderBy(asc(periods.startsOn))
		.all()
		.find((p) => p.startsOn < input.startsOn || p.endsOn > input.endsOn);
	if (outside) {
		const message = t('campaignForm.periodOutside', {
			code: outside.code,
			starts: formatDate(outside.startsOn),
			ends: formatDate(outside.endsOn)
		});
		return { ok: false, errors: { [outside.startsOn < input.startsOn ? 'startsOn' : 'endsOn']: message } };
	}
	const { member, branch, secretary, admin, homeText, ...basics } = input;
	ctx.db.transaction(() => {
		ctx.db
			.update(campaigns)
			.set({ ...basics, vocabulary: { member, branch, secretary, admin, homeText } })
			.where(eq(campaigns.id, campaign.id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'campaign.update',
			targetType: 'campaign',
			targetId: campaign.id,
			unitId: campaign.ownerUnitId,
			before: { name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
			after: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn }
		});
	});
	return { ok: true };
}

/** One campaign's file, for the page's download link. */
export function exportCampaignFile(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const campaign = ctx.db.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.id, campaignId)).get()!;
	return exportCampaign(ctx.db, campaign.slug);
}

/** Whether the admin area shows the import page to this person (no refusal, no audit row). */
export function mayImportCampaign(ctx: ServiceContext): boolean {
	const owner = campaignOwner(ctx.db);
	const unit =
		owner ??
		ctx.db
			.select()
			.from(units)
			.where(and(isNull(units.parentId), eq(units.active, true)))
			.orderBy(asc(units.id))
			.get();
	return !!unit && can(ctx.actor, 'campaign.configure', { kind: 'unit', unit });
}
