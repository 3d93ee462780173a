import { and, asc, count, eq } from 'drizzle-orm';
import { activityTypes, campaigns, contentAreas, periods, pointEntries, unitLevels } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorizeCampaignConfig } from './configure';
import { exportCampaign } from './export';
import { importCampaign, ledgerRowsBetween } from './import';
import { checkEdit, fieldErrors } from '../../domain/campaigns/edit';
import type { CampaignFile } from '../../domain/campaigns/format';
import type { FileProblem } from '../../domain/campaigns/validate';
import type { AreaForm, CampaignLevelForm, PeriodForm } from '../../schemas/campaign-editors';
import { t } from '../../i18n';

export type EditResult = { ok: true; changes: string[] } | { ok: false; errors: Record<string, string> };

export interface Edit {
	/** Where the edited part sits in the file (`periods[3]`), so its problems land on the form's fields. */
	at: string;
	action: string;
	before?: Record<string, unknown>;
	after: Record<string, unknown>;
	/** One plain message in place of the file's problems (a deletion refused because something uses the part). */
	refusal?: string;
	/** The problems as the form's fields, when `at` alone does not place them (rows of a table in one form). */
	errorsOf?: (problems: FileProblem[]) => Record<string, string>;
}
export type Change = Edit | { refused: Record<string, string> };

/**
 * Every editor goes the one way a campaign changes: the stored campaign as a file, one part changed, the
 * file's checks (validate.ts), then the import's writer with its refusals (a period with points keeps its
 * dates, an area in use is not deleted). Export, change and write share one immediate transaction, so two
 * admins editing at once cannot undo each other's change with a stale copy.
 */
export function editCampaign(ctx: ServiceContext, campaignId: number, change: (file: CampaignFile) => Change): EditResult {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction(
		() => {
			const slug = slugOf(ctx, campaignId);
			const before = exportCampaign(ctx.db, slug)!;
			const draft = structuredClone(before);
			const edit = change(draft);
			if ('refused' in edit) return { ok: false as const, errors: edit.refused };
			const check = checkEdit(before, draft);
			const refused = (problems: FileProblem[]) => ({
				ok: false as const,
				errors: edit.refusal ? { _: edit.refusal } : edit.errorsOf ? edit.errorsOf(problems) : fieldErrors(problems, edit.at)
			});
			if (!check.ok) return refused(check.errors);
			const outcome = importCampaign(ctx.db, check.file, ctx, {
				audit: { action: edit.action, before: edit.before, after: edit.after }
			});
			if (!outcome.ok) return refused(outcome.errors);
			return { ok: true as const, changes: outcome.changes };
		},
		{ behavior: 'immediate' }
	);
}

export function slugOf(ctx: ServiceContext, campaignId: number): string {
	return ctx.db.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.id, campaignId)).get()!.slug;
}

/**
 * Periods with what the form may change: a period that is closing or closed, or has ledger rows in its
 * dates, keeps its dates (the rows would change period under the boards already shown); its name and kind
 * stay editable.
 */
export function periodsForEditor(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db
		.select()
		.from(periods)
		.where(eq(periods.campaignId, campaignId))
		.orderBy(asc(periods.startsOn), asc(periods.id))
		.all()
		.map((p) => ({
			...p,
			datesLocked: p.status !== 'open' || ledgerRowsBetween(ctx.db, campaignId, p.startsOn, p.endsOn) > 0
		}));
}

/** Adds a period, or edits the one named by `original`; its code never changes (board keys carry it). */
export function savePeriod(ctx: ServiceContext, campaignId: number, input: PeriodForm): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const fields = { code: input.code, name: input.name, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn };
		if (!input.original) {
			file.periods.push({ ...fields, graceDays: 15 });
			return { at: `periods[${file.periods.length - 1}]`, action: 'campaign.period_create', after: fields };
		}
		const i = file.periods.findIndex((p) => p.code === input.original);
		if (i < 0) return { refused: { _: t('campaignEdit.periodMissing') } };
		if (input.code !== input.original) return { refused: { code: t('campaignEdit.codeFixed') } };
		const old = file.periods[i]!;
		file.periods[i] = { ...old, ...fields };
		return {
			at: `periods[${i}]`,
			action: 'campaign.period_update',
			before: { code: old.code, name: old.name, kind: old.kind, startsOn: old.startsOn, endsOn: old.endsOn },
			after: fields
		};
	});
}

/** Content areas in the file's order, each with whether something still uses it (it then cannot be deleted). */
export function areasForEditor(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const all = ctx.db.select().from(contentAreas).where(eq(contentAreas.campaignId, campaignId)).orderBy(asc(contentAreas.id)).all();
	const used = (a: (typeof all)[number]) =>
		ctx.db.select({ n: count() }).from(activityTypes).where(eq(activityTypes.contentAreaId, a.id)).get()!.n > 0 ||
		all.some((c) => c.parentId === a.id) ||
		ctx.db
			.select({ n: count() })
			.from(pointEntries)
			.where(and(eq(pointEntries.campaignId, campaignId), eq(pointEntries.contentArea, a.code)))
			.get()!.n > 0;
	const row = (a: (typeof all)[number]) => ({ code: a.code, name: a.name, inUse: used(a) });
	return all.filter((a) => a.parentId === null).map((a) => ({ ...row(a), subAreas: all.filter((s) => s.parentId === a.id).map(row) }));
}

/** Adds a content area (a sub-area under `parent`), or renames the one named by `original`. */
export function saveArea(ctx: ServiceContext, campaignId: number, input: AreaForm): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		if (!input.original) {
			const area = { code: input.code, name: input.name, sectorTags: [] };
			const after = { code: input.code, name: input.name, parent: input.parent || null };
			if (!input.parent) {
				file.contentAreas.push({ ...area, subAreas: [] });
				return { at: `contentAreas[${file.contentAreas.length - 1}]`, action: 'campaign.area_create', after };
			}
			const p = file.contentAreas.findIndex((a) => a.code === input.parent);
			if (p < 0) return { refused: { parent: t('campaignEdit.parentMissing') } };
			const subs = file.contentAreas[p]!.subAreas;
			subs.push(area);
			return { at: `contentAreas[${p}].subAreas[${subs.length - 1}]`, action: 'campaign.area_create', after };
		}
		if (input.code !== input.original) return { refused: { code: t('campaignEdit.codeFixed') } };
		const found = findArea(file, input.original);
		if (!found) return { refused: { _: t('campaignEdit.areaMissing') } };
		const before = { code: found.area.code, name: found.area.name };
		found.area.name = input.name;
		return { at: found.at, action: 'campaign.area_update', before, after: { code: input.code, name: input.name } };
	});
}

/** Deletes a content area nothing uses; one with activity types, sub-areas or ledger rows is refused. */
export function deleteArea(ctx: ServiceContext, campaignId: number, code: string): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const found = findArea(file, code);
		if (!found) return { refused: { _: t('campaignEdit.areaMissing') } };
		found.remove();
		return {
			at: 'contentAreas',
			action: 'campaign.area_delete',
			before: { code, name: found.area.name },
			after: {},
			refusal: t('campaignEdit.areaInUse', { code })
		};
	});
}

function findArea(file: CampaignFile, code: string) {
	for (const [i, a] of file.contentAreas.entries()) {
		if (a.code === code) return { area: a, at: `contentAreas[${i}]`, remove: () => file.contentAreas.splice(i, 1) };
		const j = a.subAreas.findIndex((s) => s.code === code);
		if (j >= 0) return { area: a.subAreas[j]!, at: `contentAreas[${i}].subAreas[${j}]`, remove: () => a.subAreas.splice(j, 1) };
	}
	return null;
}

/** Every level of the installation, with its place in the campaign when it takes part (in the campaign's order). */
export function levelsForEditor(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const inCampaign = exportCampaign(ctx.db, slugOf(ctx, campaignId))!.levels;
	const all = ctx.db.select().from(unitLevels).orderBy(asc(unitLevels.rank), asc(unitLevels.code)).all();
	const taking = inCampaign.map((l, i) => ({
		...l,
		included: true,
		position: i + 1,
		installationLabel: all.find((u) => u.code === l.code)?.label ?? l.label
	}));
	const others = all
		.filter((u) => !inCampaign.some((l) => l.code === u.code))
		.map((u) => ({
			code: u.code,
			label: u.label,
			rank: u.rank,
			boards: true,
			included: false,
			position: inCampaign.length + 1,
			installationLabel: u.label
		}));
	return [...taking, ...others];
}

/** Takes a level into the campaign or out of it, sets its label, rank, boards flag and place in the order. */
export function saveCampaignLevel(ctx: ServiceContext, campaignId: number, input: CampaignLevelForm): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const level = ctx.db.select().from(unitLevels).where(eq(unitLevels.code, input.code)).get();
		if (!level) return { refused: { _: t('campaignEdit.levelMissing') } };
		const i = file.levels.findIndex((l) => l.code === input.code);
		const before = i >= 0 ? { ...file.levels[i]!, position: i + 1 } : undefined;
		if (!input.included) {
			if (i < 0) return { refused: { _: t('campaignEdit.nothingToChange') } };
			if (file.owner.level === input.code) return { refused: { included: t('campaignEdit.ownerLevel', { label: file.levels[i]!.label }) } };
			file.levels.splice(i, 1);
			return { at: 'levels', action: 'campaign.level_remove', before, after: { code: input.code } };
		}
		const value = { code: input.code, label: input.label, rank: input.rank, boards: input.boards };
		if (i >= 0) file.levels.splice(i, 1);
		const position = Math.min(input.position, file.levels.length + 1);
		file.levels.splice(position - 1, 0, value);
		return {
			at: `levels[${position - 1}]`,
			action: i >= 0 ? 'campaign.level_update' : 'campaign.level_add',
			before,
			after: { ...value, position }
		};
	});
}
