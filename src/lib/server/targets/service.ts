import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, periods, unitTargets, units } from '../db/schema';
import { recordAudit } from '../audit';
import { campaignMeasures, figuresOf } from '../figures/figures';
import { stockActuals, stockIndicatorsOf } from '../figures/stocks';
import { campaignReaches } from '../campaigns/participation';
import { getUnit } from '../units/queries';
import { takesPart } from '../../domain/campaigns/participation';
import { adminUnitIds, canFileReport, canReceiveReport } from '../../domain/permissions';
import {
	actualOf,
	indicatorsOf,
	periodsToRegister,
	progressRows,
	readTargets,
	type Indicator,
	type TargetProblem,
	type TargetValues
} from '../../domain/targets/rules';
import { isoDay } from '../../format';
import { readReturnReason } from '../../domain/reports/rules';
import { t, type MessageKey } from '../../i18n';

export type TargetsRow = typeof unitTargets.$inferSelect;
export type TargetsResult =
	| { ok: true; id: number }
	| {
			ok: false;
			problem: 'forbidden' | 'notFound' | 'invalid' | 'conflict';
			error: MessageKey;
			problems?: Record<string, TargetProblem>;
			echo?: Record<string, string>;
	  };

export function indicatorsOfCampaign(db: Db, campaignId: number): Indicator[] {
	return indicatorsOf(
		{ measures: campaignMeasures(db, campaignId) },
		{ label: t('targets.worksLabel'), unitLabel: t('targets.worksUnit') },
		stockIndicatorsOf(db, campaignId),
		t('stocks.title')
	);
}

function periodOf(db: Db, id: number) {
	return db.select().from(periods).where(eq(periods.id, id)).get();
}

/** The periods targets are registered for today: the current year and the phase under way (domain/targets/rules.ts). */
function periodsToRegisterOf(db: Db, campaignId: number, today: string) {
	return periodsToRegister(db.select().from(periods).where(eq(periods.campaignId, campaignId)).all(), today);
}

/** The unit's registration for the period, made empty the first time someone who files for the unit opens it. */
export function openTargets(ctx: ServiceContext, input: { campaignId: number; unitId: number; periodId: number }): TargetsResult {
	const unit = getUnit(ctx.db, input.unitId);
	const period = periodOf(ctx.db, input.periodId);
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === input.campaignId);
	if (!unit || !unit.active || !period || period.campaignId !== input.campaignId || !reach || !takesPart(unit.path, reach))
		return { ok: false, problem: 'notFound', error: 'targets.notFound' };
	if (!canFileReport(ctx.actor, unit.path, input.campaignId)) return { ok: false, problem: 'forbidden', error: 'targets.forbidden' };
	const existing = ctx.db
		.select({ id: unitTargets.id })
		.from(unitTargets)
		.where(and(eq(unitTargets.campaignId, input.campaignId), eq(unitTargets.unitId, unit.id), eq(unitTargets.periodId, period.id)))
		.get();
	if (existing) return { ok: true, id: existing.id };
	return ctx.db.transaction((tx) => {
		const row = tx
			.insert(unitTargets)
			.values({ ...input, targets: {}, createdAt: ctx.now, updatedAt: ctx.now })
			.returning({ id: unitTargets.id })
			.get();
		recordAudit(ctx.db, ctx, { action: 'targets.open', targetType: 'unit_targets', targetId: row.id, unitId: unit.id });
		return { ok: true as const, id: row.id };
	});
}

/**
 * Saves the unit's targets. While the level above has them (sent, not yet decided) they are not edited; once
 * accepted they can be changed and sent again, and the accepted ones keep counting until the change is accepted.
 */
export function saveTargets(ctx: ServiceContext, id: number, fields: Record<string, string>): TargetsResult {
	const row = ctx.db.select().from(unitTargets).where(eq(unitTargets.id, id)).get();
	if (!row) return { ok: false, problem: 'notFound', error: 'targets.notFound' };
	const unit = getUnit(ctx.db, row.unitId)!;
	if (!canFileReport(ctx.actor, unit.path, row.campaignId)) return { ok: false, problem: 'forbidden', error: 'targets.forbidden' };
	if (row.status === 'submitted') return { ok: false, problem: 'conflict', error: 'targets.underReview' };
	const read = readTargets(fields, indicatorsOfCampaign(ctx.db, row.campaignId));
	if (!read.ok) return { ok: false, problem: 'invalid', error: 'targets.invalid', problems: read.problems, echo: read.echo };
	ctx.db.transaction((tx) => {
		tx.update(unitTargets)
			.set({ targets: read.values, status: row.status === 'returned' ? 'returned' : 'draft', updatedAt: ctx.now })
			.where(eq(unitTargets.id, id))
			.run();
		recordAudit(ctx.db, ctx, { action: 'targets.save', targetType: 'unit_targets', targetId: id, unitId: row.unitId, after: read.values });
	});
	return { ok: true, id };
}

/**
 * Saves and sends the targets to the level above. A root unit has nobody above it: its targets are the plan's
 * own and count as accepted when sent.
 */
export function submitTargets(ctx: ServiceContext, id: number, fields: Record<string, string>): TargetsResult {
	const saved = saveTargets(ctx, id, fields);
	if (!saved.ok) return saved;
	const row = ctx.db.select().from(unitTargets).where(eq(unitTargets.id, id)).get()!;
	if (Object.keys(row.targets).length === 0) return { ok: false, problem: 'invalid', error: 'targets.empty' };
	const root = getUnit(ctx.db, row.unitId)!.parentId === null;
	const personId = ctx.actor!.personId;
	ctx.db.transaction((tx) => {
		tx.update(unitTargets)
			.set(
				root
					? {
							status: 'accepted',
							accepted: row.targets,
							submittedBy: personId,
							submittedAt: ctx.now,
							decidedBy: personId,
							decidedAt: ctx.now
						}
					: { status: 'submitted', submittedBy: personId, submittedAt: ctx.now, returnReason: null }
			)
			.where(eq(unitTargets.id, id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'targets.submit',
			targetType: 'unit_targets',
			targetId: id,
			unitId: row.unitId,
			after: row.targets
		});
	});
	return { ok: true, id };
}

function loadForDecision(ctx: ServiceContext, id: number): TargetsRow | Extract<TargetsResult, { ok: false }> {
	const row = ctx.db.select().from(unitTargets).where(eq(unitTargets.id, id)).get();
	if (!row) return { ok: false, problem: 'notFound', error: 'targets.notFound' };
	const unit = getUnit(ctx.db, row.unitId)!;
	if (!canReceiveReport(ctx.actor, unit.path, row.campaignId)) return { ok: false, problem: 'forbidden', error: 'targets.forbidden' };
	if (row.status !== 'submitted') return { ok: false, problem: 'conflict', error: 'targets.notSubmitted' };
	// Whoever sent the targets (an admin above may also file for the unit) does not accept them too.
	if (row.submittedBy === ctx.actor!.personId) return { ok: false, problem: 'forbidden', error: 'targets.ownSubmission' };
	return row;
}

/** The level above accepts the targets sent: from now on they are the unit's, and progress is measured against them. */
export function acceptTargets(ctx: ServiceContext, id: number): TargetsResult {
	const row = loadForDecision(ctx, id);
	if ('ok' in row) return row;
	ctx.db.transaction((tx) => {
		tx.update(unitTargets)
			.set({ status: 'accepted', accepted: row.targets, decidedBy: ctx.actor!.personId, decidedAt: ctx.now, updatedAt: ctx.now })
			.where(eq(unitTargets.id, id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'targets.accept',
			targetType: 'unit_targets',
			targetId: id,
			unitId: row.unitId,
			after: row.targets
		});
	});
	return { ok: true, id };
}

/** The level above sends the targets back with its reason (too low, a measure missing…); the unit edits and resends. */
export function returnTargets(ctx: ServiceContext, id: number, reason: string): TargetsResult {
	const row = loadForDecision(ctx, id);
	if ('ok' in row) return row;
	const read = readReturnReason(reason);
	if (!read.ok)
		return { ok: false, problem: 'invalid', error: read.problem === 'required' ? 'targets.reasonRequired' : 'targets.reasonTooLong' };
	const text = read.text;
	ctx.db.transaction((tx) => {
		tx.update(unitTargets)
			.set({ status: 'returned', returnReason: text, decidedBy: ctx.actor!.personId, decidedAt: ctx.now, updatedAt: ctx.now })
			.where(eq(unitTargets.id, id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'targets.return',
			targetType: 'unit_targets',
			targetId: id,
			unitId: row.unitId,
			after: { reason: text }
		});
	});
	return { ok: true, id };
}

/** The accepted targets of a unit for a period, or null when none were accepted. */
export function acceptedTargets(db: Db, input: { campaignId: number; unitId: number; periodId: number }): TargetValues | null {
	const row = db
		.select({ accepted: unitTargets.accepted })
		.from(unitTargets)
		.where(
			and(eq(unitTargets.campaignId, input.campaignId), eq(unitTargets.unitId, input.unitId), eq(unitTargets.periodId, input.periodId))
		)
		.get();
	return row?.accepted && Object.keys(row.accepted).length > 0 ? row.accepted : null;
}

/**
 * A registration as its page shows it: every indicator with the target being edited, the one accepted, and the
 * approved total so far. Visible to those who file for the unit and to the level above.
 */
export function targetsView(ctx: ServiceContext, id: number) {
	const row = ctx.db.select().from(unitTargets).where(eq(unitTargets.id, id)).get();
	if (!row) return null;
	const unit = getUnit(ctx.db, row.unitId)!;
	const mayFile = canFileReport(ctx.actor, unit.path, row.campaignId);
	const mayReceive = canReceiveReport(ctx.actor, unit.path, row.campaignId);
	if (!mayFile && !mayReceive) return null;
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, row.campaignId)).get()!;
	const period = periodOf(ctx.db, row.periodId)!;
	const indicators = indicatorsOfCampaign(ctx.db, row.campaignId);
	const figures = figuresOf(ctx.db, {
		campaignId: row.campaignId,
		unitId: unit.id,
		from: period.startsOn,
		to: period.endsOn,
		cutoffAt: ctx.now
	})!;
	const stocks = stockActuals(ctx.db, row.campaignId, unit, isoDay(ctx.now));
	const progress = new Map(progressRows(indicators, row.accepted ?? {}, figures, stocks).map((p) => [p.key, p]));
	return {
		id: row.id,
		status: row.status,
		returnReason: row.returnReason,
		submittedAt: row.submittedAt,
		decidedAt: row.decidedAt,
		unit: { id: unit.id, name: unit.name },
		campaign: { id: campaign.id, slug: campaign.slug, name: campaign.name },
		period: { id: period.id, code: period.code, name: period.name },
		rows: indicators.map((i) => ({
			...i,
			target: row.targets[i.key] ?? null,
			accepted: row.accepted?.[i.key] ?? null,
			actual: actualOf(figures, i.key, stocks),
			progress: progress.get(i.key) ?? null
		})),
		mayEdit: mayFile && row.status !== 'submitted',
		mayDecide: mayReceive && row.status === 'submitted' && row.submittedBy !== ctx.actor!.personId
	};
}

export type TargetsView = NonNullable<ReturnType<typeof targetsView>>;

export interface RegistrationRow {
	campaign: { id: number; name: string };
	unit: { id: number; name: string };
	period: { id: number; code: string; name: string };
	targetsId: number | null;
	status: TargetsRow['status'] | null;
}

/**
 * What a person has to do about targets this year: the registrations of the units they file for, and those of
 * the units directly below, with their state (the level above accepts what its children sent).
 */
export function registrations(ctx: ServiceContext): { own: RegistrationRow[]; below: RegistrationRow[] } {
	const actor = ctx.actor;
	if (!actor) return { own: [], below: [] };
	const today = isoDay(ctx.now);
	const reaches = campaignReaches(ctx.db);
	const own: RegistrationRow[] = [];
	const below: RegistrationRow[] = [];
	const unitIds = adminUnitIds(actor);
	const rowOf = (
		campaign: { id: number; name: string },
		unit: { id: number; name: string },
		period: { id: number; code: string; name: string }
	) => {
		const found = ctx.db
			.select({ id: unitTargets.id, status: unitTargets.status })
			.from(unitTargets)
			.where(and(eq(unitTargets.campaignId, campaign.id), eq(unitTargets.unitId, unit.id), eq(unitTargets.periodId, period.id)))
			.get();
		return {
			campaign,
			unit,
			period: { id: period.id, code: period.code, name: period.name },
			targetsId: found?.id ?? null,
			status: found?.status ?? null
		};
	};
	for (const unitId of unitIds) {
		const unit = getUnit(ctx.db, unitId);
		if (!unit || !unit.active) continue;
		for (const reach of reaches.filter((r) => takesPart(unit.path, r))) {
			if (!canFileReport(actor, unit.path, reach.campaignId)) continue;
			const campaign = ctx.db
				.select({ id: campaigns.id, name: campaigns.name })
				.from(campaigns)
				.where(eq(campaigns.id, reach.campaignId))
				.get()!;
			const children = ctx.db
				.select()
				.from(units)
				.where(and(eq(units.parentId, unit.id), eq(units.active, true)))
				.orderBy(asc(units.name))
				.all()
				.filter((c) => takesPart(c.path, reach));
			for (const period of periodsToRegisterOf(ctx.db, campaign.id, today)) {
				own.push(rowOf(campaign, unit, period));
				for (const child of children) below.push(rowOf(campaign, child, period));
			}
		}
	}
	return { own, below };
}

/**
 * The unit's accepted targets of this year and the phase under way in every campaign, with progress: what its page
 * shows. Public, like the figures they are measured by.
 */
export function unitProgress(db: Db, unitId: number, now: number) {
	const unit = getUnit(db, unitId);
	if (!unit) return [];
	const today = isoDay(now);
	const registered = db
		.selectDistinct({ campaignId: unitTargets.campaignId })
		.from(unitTargets)
		.where(and(eq(unitTargets.unitId, unitId), isNotNull(unitTargets.accepted)))
		.all();
	const out = [];
	for (const { campaignId } of registered)
		for (const period of periodsToRegisterOf(db, campaignId, today)) {
			const targets = acceptedTargets(db, { campaignId, unitId, periodId: period.id });
			if (!targets) continue;
			const campaign = db
				.select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name })
				.from(campaigns)
				.where(eq(campaigns.id, campaignId))
				.get()!;
			const figures = figuresOf(db, { campaignId, unitId, from: period.startsOn, to: period.endsOn, cutoffAt: now })!;
			out.push({
				campaign,
				period: { code: period.code, name: period.name },
				rows: progressRows(indicatorsOfCampaign(db, campaignId), targets, figures, stockActuals(db, campaignId, unit, today))
			});
		}
	return out;
}
