import { and, asc, count, eq } from 'drizzle-orm';
import { activityTypes, contentAreas, initiativeMeasures } from '../db/schema';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { editCampaign, type Change, type EditResult } from '../campaigns/editors';
import { measureSpecs } from '../initiatives/queries';
import { fieldErrors } from '../../domain/campaigns/edit';
import type { CampaignFile, FileActivityType } from '../../domain/campaigns/format';
import type { FileProblem } from '../../domain/campaigns/validate';
import type { ActivityTypeForm } from '../../schemas/activity';
import { toSearchText } from '../../text';
import { t } from '../../i18n';

/** The campaign's whole catalogue (active or not) for its configuration page; each measure says whether work records it. */
export function catalogueForAdmin(db: Db, campaignId: number) {
	const areas = db.select().from(contentAreas).where(eq(contentAreas.campaignId, campaignId)).orderBy(asc(contentAreas.id)).all();
	const types = db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaignId)).orderBy(asc(activityTypes.id)).all();
	const used = (measureId: number) =>
		db.select({ n: count() }).from(initiativeMeasures).where(eq(initiativeMeasures.measureId, measureId)).get()!.n > 0;
	return {
		areas,
		types: types.map((type) => ({
			...type,
			area: areas.find((a) => a.id === type.contentAreaId)?.code ?? '',
			measures: measureSpecs(db, type.id).map((m) => ({ ...m, inUse: used(m.id) }))
		}))
	};
}

/** Codes are derived from labels ("Người được hỗ trợ" → "nguoi_duoc_ho_tro"), unique within the type. */
function measureCode(label: string, taken: Set<string>): string {
	const slug = toSearchText(label)
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '')
		.slice(0, 36);
	const base = /^[a-z]/.test(slug) ? slug : `so_lieu${slug ? `_${slug}` : ''}`.slice(0, 36);
	let code = base;
	for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
	taken.add(code);
	return code;
}

/** A code for a new type, unique within the campaign (the file links scoring rules to types by code). */
function typeCode(file: CampaignFile): string {
	const taken = new Set(file.activityTypes.map((a) => a.code));
	let n = file.activityTypes.length + 1;
	while (taken.has(`T${n}`)) n++;
	return `T${n}`;
}

const summary = (type: FileActivityType) => ({
	code: type.code,
	name: type.name,
	area: type.area,
	measures: type.measures.map(
		(m) => `${m.code}: ${m.label} (${m.unitLabel}, ${m.kind}, ${m.min}–${m.max}${m.required ? '' : ', optional'})`
	),
	measureRules: type.measureRules.map((r) => `${r.left} ${r.rule} ${r.right}`)
});

/**
 * Adds an activity type (`input.id` null) or edits one of this campaign's: name, content area, measures and
 * the rules between them. It goes the campaign file's way (editors.ts): the file's checks (unknown area,
 * integer bounds, rules naming measures the type has) and the import's refusals (a measure that initiatives
 * recorded is not deleted). A measure keeps its code for good; new bounds apply to work recorded afterwards,
 * values already stored are never rewritten.
 */
export function saveActivityType(ctx: ServiceContext, campaignId: number, input: ActivityTypeForm): EditResult & { id?: number } {
	let code = '';
	const result = editCampaign(ctx, campaignId, (file): Change => {
		// The file would say "not in contentAreas"; the form offers only the campaign's areas, so this is a stale or forged choice.
		if (!file.contentAreas.some((a) => a.code === input.area || a.subAreas.some((s) => s.code === input.area)))
			return { refused: { area: t('validation.invalidChoice') } };
		let i: number;
		if (input.id === null) {
			code = typeCode(file);
			file.activityTypes.push({ code, area: input.area, name: input.name, description: '', active: true, measures: [], measureRules: [] });
			i = file.activityTypes.length - 1;
		} else {
			const row = ctx.db
				.select({ code: activityTypes.code })
				.from(activityTypes)
				.where(and(eq(activityTypes.id, input.id), eq(activityTypes.campaignId, campaignId)))
				.get();
			i = row ? file.activityTypes.findIndex((a) => a.code === row.code) : -1;
			if (i < 0) return { refused: { _: t('activity.missing') } };
			code = row!.code;
		}
		const type = file.activityTypes[i]!;
		const before = input.id === null ? undefined : summary(type);
		const taken = new Set(type.measures.map((m) => m.code));
		const measures: FileActivityType['measures'] = [];
		const measureRows: number[] = [];
		for (const m of input.measures) {
			const was = m.code ? type.measures.find((old) => old.code === m.code) : undefined;
			if (m.code && !was) return { refused: { [`m${m.row}_label`]: t('activity.measureMissing') } };
			if (m.remove) {
				const inRules = was && file.scoring.rules.some((r) => r.activityType === code && r.perMeasure.some((p) => p.measure === was.code));
				if (inRules) return { refused: { [`m${m.row}_remove`]: t('activity.measureInRules', { label: was.label }) } };
				continue;
			}
			const { label, unitLabel, kind, min, max, required } = m;
			measures.push({ code: was?.code ?? measureCode(label, taken), label, unitLabel, kind, min, max, required });
			measureRows.push(m.row);
		}
		if (measures.length === 0) return { refused: { m0_label: t('activity.needMeasure') } };
		type.name = input.name;
		type.area = input.area;
		type.measures = measures;
		type.measureRules = input.rules.map(({ left, rule, right }) => ({ left, rule, right }));
		const ruleRows = input.rules.map((r) => r.row);
		const at = `activityTypes[${i}]`;
		return {
			at,
			action: input.id === null ? 'activity_type.create' : 'activity_type.update',
			before,
			after: summary(type),
			errorsOf: (problems) => rowErrors(problems, at, measureRows, ruleRows)
		};
	});
	if (!result.ok) return result;
	const id = ctx.db
		.select({ id: activityTypes.id })
		.from(activityTypes)
		.where(and(eq(activityTypes.campaignId, campaignId), eq(activityTypes.code, code)))
		.get()?.id;
	return { ...result, id };
}

/**
 * The file's problems on the type's form: a measure's on its row (`m2_max`), a rule's on its row (`r0_left`),
 * the rest on the type's fields or the form (`_`).
 */
function rowErrors(problems: FileProblem[], at: string, measureRows: number[], ruleRows: number[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const p of problems) {
		const part = p.path.startsWith(`${at}.`) ? /^(measures|measureRules)\[(\d+)\]/.exec(p.path.slice(at.length + 1)) : null;
		const row = part && (part[1] === 'measures' ? measureRows : ruleRows)[Number(part[2])];
		if (!part || row === undefined) {
			for (const [k, v] of Object.entries(fieldErrors([p], at))) errors[k] ??= v;
			continue;
		}
		const prefix = part[1] === 'measures' ? `m${row}_` : `r${row}_`;
		for (const [k, v] of Object.entries(fieldErrors([p], `${at}.${part[0]}`)))
			errors[`${prefix}${k === '_' ? (part[1] === 'measures' ? 'label' : 'left') : k}`] ??= v;
	}
	return errors;
}

/** Retired types stay on the initiatives that used them; they only leave the form. */
export function setActivityTypeActive(ctx: ServiceContext, campaignId: number, id: number, active: boolean): boolean {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction((tx) => {
		const changed = tx
			.update(activityTypes)
			.set({ active })
			.where(and(eq(activityTypes.id, id), eq(activityTypes.campaignId, campaignId)))
			.run();
		if (changed.changes === 1)
			recordAudit(ctx.db, ctx, {
				action: active ? 'activity_type.activate' : 'activity_type.retire',
				targetType: 'activity_type',
				targetId: id
			});
		return changed.changes === 1;
	});
}
