import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, periods, reportRequests, reportVersions, reports, units } from '../db/schema';
import { recordAudit } from '../audit';
import { figuresOf, adjustmentsOf } from '../figures/figures';
import { campaignReaches } from '../campaigns/participation';
import { getUnit } from '../units/queries';
import { readCutoff, endOfVietnamDay } from '../../domain/figures/cutoff';
import {
	dueState,
	emptyNarrative,
	onTime,
	periodsToReport,
	readNarrative,
	reportDueDay,
	reportKind,
	readReturnReason,
	type DueState,
	type ReportKind
} from '../../domain/reports/rules';
import { takesPart } from '../../domain/campaigns/participation';
import { adminUnitIds, canFileReport, canReceiveReport } from '../../domain/permissions';
import { isoDay } from '../../format';
import { shiftDay } from '../../domain/scoring/periods';
import type { MessageKey } from '../../i18n';
import type { Narrative, ReportDocument } from '../../domain/reports/types';
import { reportDocument } from '../../domain/reports/document';

export type ReportRow = typeof reports.$inferSelect;
export type ReportResult =
	| { ok: true; id: number }
	| { ok: false; problem: 'forbidden' | 'notFound' | 'invalid' | 'conflict'; error: MessageKey; narrative?: Narrative };

function campaignOf(db: Db, id: number) {
	return db.select().from(campaigns).where(eq(campaigns.id, id)).get();
}

function periodOf(db: Db, id: number) {
	return db.select().from(periods).where(eq(periods.id, id)).get();
}

function requestOf(db: Db, id: number) {
	return id === 0 ? undefined : db.select().from(reportRequests).where(eq(reportRequests.id, id)).get();
}

/**
 * The day a unit's report is due: an ad hoc request's own day, else the campaign's deadline for the unit's level
 * in the year the period ends.
 */
export function dueDayOf(db: Db, report: Pick<ReportRow, 'campaignId' | 'unitId' | 'periodId' | 'requestId'>): string {
	const request = requestOf(db, report.requestId);
	if (request) return request.dueOn;
	const campaign = campaignOf(db, report.campaignId)!;
	const unit = getUnit(db, report.unitId)!;
	return reportDueDay(campaign.reportDeadlines, campaign.reportDueOn, unit.level, periodOf(db, report.periodId)!.endsOn);
}

/**
 * The unit's report for the period — or for an ad hoc request of its parent — made as an empty draft the first
 * time someone who files it opens it.
 */
export function openReport(
	ctx: ServiceContext,
	input: { campaignId: number; unitId: number; periodId: number; requestId?: number }
): ReportResult {
	const requestId = input.requestId ?? 0;
	const unit = getUnit(ctx.db, input.unitId);
	const period = periodOf(ctx.db, input.periodId);
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === input.campaignId);
	const request = requestOf(ctx.db, requestId);
	if (!unit || !period || period.campaignId !== input.campaignId || !reach || !takesPart(unit.path, reach))
		return { ok: false, problem: 'notFound', error: 'report.notFound' };
	if (
		requestId !== 0 &&
		(!request || request.campaignId !== input.campaignId || request.unitId !== unit.parentId || request.periodId !== period.id)
	)
		return { ok: false, problem: 'notFound', error: 'report.notFound' };
	if (!canFileReport(ctx.actor, unit.path, input.campaignId)) return { ok: false, problem: 'forbidden', error: 'report.forbidden' };
	const existing = ctx.db
		.select({ id: reports.id })
		.from(reports)
		.where(
			and(
				eq(reports.campaignId, input.campaignId),
				eq(reports.unitId, unit.id),
				eq(reports.periodId, period.id),
				eq(reports.requestId, requestId)
			)
		)
		.get();
	if (existing) return { ok: true, id: existing.id };
	return ctx.db.transaction((tx) => {
		const row = tx
			.insert(reports)
			.values({ ...input, requestId, narrative: emptyNarrative(), createdAt: ctx.now, updatedAt: ctx.now })
			.returning({ id: reports.id })
			.get();
		recordAudit(ctx.db, ctx, { action: 'report.open', targetType: 'report', targetId: row.id, unitId: unit.id });
		return { ok: true as const, id: row.id };
	});
}

function loadForFiling(ctx: ServiceContext, id: number): { report: ReportRow; unitPath: string } | ReportResult {
	const report = ctx.db.select().from(reports).where(eq(reports.id, id)).get();
	if (!report) return { ok: false, problem: 'notFound', error: 'report.notFound' };
	const unit = getUnit(ctx.db, report.unitId)!;
	if (!canFileReport(ctx.actor, unit.path, report.campaignId)) return { ok: false, problem: 'forbidden', error: 'report.forbidden' };
	if (report.status === 'submitted') return { ok: false, problem: 'conflict', error: 'report.alreadySubmitted' };
	return { report, unitPath: unit.path };
}

/**
 * Saves the draft: the five narrative sections and the cut-off day of its figures. A submitted report is not
 * edited (the level above has it); it is returned first. Nothing is written when any field is refused.
 */
export function saveReport(
	ctx: ServiceContext,
	id: number,
	input: { narrative: Record<string, unknown>; cutoffDay: string }
): ReportResult {
	const loaded = loadForFiling(ctx, id);
	if ('ok' in loaded) return loaded;
	const narrative = readNarrative(input.narrative);
	if (!narrative.ok) return { ok: false, problem: 'invalid', error: 'report.narrativeTooLong' };
	const period = periodOf(ctx.db, loaded.report.periodId)!;
	const cutoff = readCutoff(input.cutoffDay, ctx.now, isoDay(ctx.now), period.startsOn);
	if (!cutoff.ok)
		return {
			ok: false,
			problem: 'invalid',
			error:
				cutoff.problem === 'future'
					? 'report.cutoffFuture'
					: cutoff.problem === 'beforeStart'
						? 'report.cutoffBeforeStart'
						: 'report.cutoffMalformed',
			narrative: narrative.narrative
		};
	ctx.db.transaction((tx) => {
		tx.update(reports)
			.set({ narrative: narrative.narrative, cutoffDay: input.cutoffDay.trim(), updatedAt: ctx.now })
			.where(eq(reports.id, id))
			.run();
		recordAudit(ctx.db, ctx, { action: 'report.save', targetType: 'report', targetId: id, unitId: loaded.report.unitId });
	});
	return { ok: true, id };
}

/** The cut-off a report's figures are taken at: its chosen day's end, today's moment when none or today. */
function cutoffOf(report: Pick<ReportRow, 'cutoffDay'>, now: number): { day: string; at: number } {
	const today = isoDay(now);
	if (report.cutoffDay === '' || report.cutoffDay >= today) return { day: today, at: now };
	return { day: report.cutoffDay, at: endOfVietnamDay(report.cutoffDay) };
}

function scopeOf(db: Db, report: ReportRow, cutoffAt: number) {
	const period = periodOf(db, report.periodId)!;
	return { campaignId: report.campaignId, unitId: report.unitId, from: period.startsOn, to: period.endsOn, cutoffAt };
}

/**
 * Sends the report up: its narrative and its figures at the cut-off become a new frozen version, stamped with
 * the deadline that applied and whether it came in time.
 */
export function submitReport(
	ctx: ServiceContext,
	id: number,
	input: { narrative: Record<string, unknown>; cutoffDay: string }
): ReportResult {
	const saved = saveReport(ctx, id, input);
	if (!saved.ok) return saved;
	const report = ctx.db.select().from(reports).where(eq(reports.id, id)).get()!;
	const cutoff = cutoffOf(report, ctx.now);
	const figures = figuresOf(ctx.db, scopeOf(ctx.db, report, cutoff.at))!;
	const dueOn = dueDayOf(ctx.db, report);
	return ctx.db.transaction((tx) => {
		const last = tx
			.select({ version: reportVersions.version })
			.from(reportVersions)
			.where(eq(reportVersions.reportId, id))
			.orderBy(desc(reportVersions.version))
			.get();
		const version = (last?.version ?? 0) + 1;
		tx.insert(reportVersions)
			.values({
				reportId: id,
				version,
				narrative: report.narrative,
				figures,
				cutoffDay: cutoff.day,
				cutoffAt: cutoff.at,
				dueOn,
				onTime: onTime(dueOn, ctx.now),
				submittedBy: ctx.actor!.personId,
				submittedAt: ctx.now
			})
			.run();
		tx.update(reports).set({ status: 'submitted', updatedAt: ctx.now }).where(eq(reports.id, id)).run();
		recordAudit(ctx.db, ctx, {
			action: 'report.submit',
			targetType: 'report',
			targetId: id,
			unitId: report.unitId,
			after: { version, dueOn }
		});
		return { ok: true as const, id };
	});
}

/** The level above sends a submitted report back with its reason; the unit edits and submits a new version. */
export function returnReport(ctx: ServiceContext, id: number, reason: string): ReportResult {
	const report = ctx.db.select().from(reports).where(eq(reports.id, id)).get();
	if (!report) return { ok: false, problem: 'notFound', error: 'report.notFound' };
	const unit = getUnit(ctx.db, report.unitId)!;
	if (!canReceiveReport(ctx.actor, unit.path, report.campaignId)) return { ok: false, problem: 'forbidden', error: 'report.forbidden' };
	if (report.status !== 'submitted') return { ok: false, problem: 'conflict', error: 'report.notSubmitted' };
	const read = readReturnReason(reason);
	if (!read.ok)
		return { ok: false, problem: 'invalid', error: read.problem === 'required' ? 'report.reasonRequired' : 'report.reasonTooLong' };
	const text = read.text;
	ctx.db.transaction((tx) => {
		tx.update(reports)
			.set({ status: 'returned', returnReason: text, returnedBy: ctx.actor!.personId, returnedAt: ctx.now, updatedAt: ctx.now })
			.where(eq(reports.id, id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'report.return',
			targetType: 'report',
			targetId: id,
			unitId: report.unitId,
			after: { reason: text }
		});
	});
	return { ok: true, id };
}

function versionsOf(db: Db, reportId: number) {
	return db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(asc(reportVersions.version)).all();
}

/** The children's latest submitted narratives, quoted in the parent's report (consolidated, never retyped). */
function childNarratives(db: Db, report: ReportRow) {
	if (report.requestId !== 0) return [];
	const children = db
		.select({ id: units.id, name: units.name })
		.from(units)
		.where(and(eq(units.parentId, report.unitId), eq(units.active, true)))
		.orderBy(asc(units.name))
		.all();
	if (children.length === 0) return [];
	const rows = db
		.select({ unitId: reports.unitId, narrative: reportVersions.narrative, version: reportVersions.version })
		.from(reports)
		.innerJoin(reportVersions, eq(reportVersions.reportId, reports.id))
		.where(
			and(
				eq(reports.campaignId, report.campaignId),
				eq(reports.periodId, report.periodId),
				eq(reports.requestId, 0),
				inArray(
					reports.unitId,
					children.map((c) => c.id)
				)
			)
		)
		.orderBy(asc(reportVersions.version))
		.all();
	const latest = new Map(rows.map((r) => [r.unitId, r.narrative]));
	return children.filter((c) => latest.has(c.id)).map((c) => ({ unitName: c.name, narrative: latest.get(c.id)! }));
}

/**
 * A report as its page shows it: the draft with live figures at its cut-off, or the latest version frozen;
 * its versions; what the children sent (quoted); decisions made after the cut-off. Visible to those who file
 * it and to the level above.
 */
export function reportView(ctx: ServiceContext, id: number) {
	const report = ctx.db.select().from(reports).where(eq(reports.id, id)).get();
	if (!report) return null;
	const unit = getUnit(ctx.db, report.unitId)!;
	const mayFile = canFileReport(ctx.actor, unit.path, report.campaignId);
	const mayReceive = canReceiveReport(ctx.actor, unit.path, report.campaignId);
	if (!mayFile && !mayReceive) return null;
	const campaign = campaignOf(ctx.db, report.campaignId)!;
	const period = periodOf(ctx.db, report.periodId)!;
	const versions = versionsOf(ctx.db, id);
	const latest = versions.at(-1) ?? null;
	const frozen = report.status === 'submitted' ? latest : null;
	const cutoff = frozen ? { day: frozen.cutoffDay, at: frozen.cutoffAt } : cutoffOf(report, ctx.now);
	const figures = frozen ? frozen.figures : figuresOf(ctx.db, scopeOf(ctx.db, report, cutoff.at))!;
	const dueOn = dueDayOf(ctx.db, report);
	const request = requestOf(ctx.db, report.requestId);
	return {
		report,
		unit: { id: unit.id, name: unit.name, level: unit.level },
		campaign: { id: campaign.id, slug: campaign.slug, name: campaign.name, ownerUnitId: campaign.ownerUnitId },
		period: { id: period.id, code: period.code, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn },
		kind: request ? ('request' as const) : reportKind(period, campaign.endsOn),
		request: request ? { id: request.id, title: request.title, note: request.note } : null,
		narrative: frozen ? frozen.narrative : report.narrative,
		figures,
		cutoff,
		dueOn,
		state: dueState(dueOn, isoDay(ctx.now), frozen ? { at: frozen.submittedAt } : null),
		versions: versions.map((v) => ({ version: v.version, submittedAt: v.submittedAt, onTime: v.onTime, cutoffDay: v.cutoffDay })),
		quoted: childNarratives(ctx.db, report),
		adjustments: frozen ? adjustmentsOf(ctx.db, scopeOf(ctx.db, report, frozen.cutoffAt), ctx.now) : [],
		mayEdit: mayFile && report.status !== 'submitted',
		mayReturn: mayReceive && report.status === 'submitted',
		today: isoDay(ctx.now)
	};
}

export type ReportView = NonNullable<ReturnType<typeof reportView>>;

export interface FilingRow {
	campaign: { id: number; name: string };
	unit: { id: number; name: string };
	period: { id: number; code: string; name: string };
	kind: ReportKind;
	/** The ad hoc request answered (0: the period's own report) and its title. */
	request: { id: number; title: string } | null;
	dueOn: string;
	state: DueState;
	reportId: number | null;
	status: ReportRow['status'] | null;
}

type CampaignRow = typeof campaigns.$inferSelect;
type PeriodRow = typeof periods.$inferSelect;
type RequestRow = typeof reportRequests.$inferSelect;

/** Where a unit stands with one report it owes: its deadline, whether and when it was sent, the report to open. */
function filingRow(
	db: Db,
	campaign: CampaignRow,
	unit: { id: number; name: string; level: string },
	period: PeriodRow,
	request: RequestRow | undefined,
	today: string
): FilingRow {
	const report = db
		.select()
		.from(reports)
		.where(
			and(
				eq(reports.campaignId, campaign.id),
				eq(reports.unitId, unit.id),
				eq(reports.periodId, period.id),
				eq(reports.requestId, request?.id ?? 0)
			)
		)
		.get();
	const first = report ? versionsOf(db, report.id)[0] : undefined;
	const dueOn = request?.dueOn ?? reportDueDay(campaign.reportDeadlines, campaign.reportDueOn, unit.level, period.endsOn);
	return {
		campaign: { id: campaign.id, name: campaign.name },
		unit: { id: unit.id, name: unit.name },
		period: { id: period.id, code: period.code, name: period.name },
		kind: request ? 'request' : reportKind(period, campaign.endsOn),
		request: request ? { id: request.id, title: request.title } : null,
		dueOn,
		// On time is decided by the first version: a report returned and sent again was still filed by then.
		state: dueState(dueOn, today, first && report?.status !== 'returned' ? { at: first.submittedAt } : null),
		reportId: report?.id ?? null,
		status: report?.status ?? null
	};
}

/**
 * For one campaign and period (or one ad hoc request), the reports a unit's children owe: sent (on time or late),
 * overdue or due, with the report to open. What the level above looks at before its own deadline.
 */
export function submissions(
	ctx: ServiceContext,
	input: { campaignId: number; unitId: number; periodId: number; requestId?: number }
): FilingRow[] | null {
	const unit = getUnit(ctx.db, input.unitId);
	const period = periodOf(ctx.db, input.periodId);
	const campaign = campaignOf(ctx.db, input.campaignId);
	const request = requestOf(ctx.db, input.requestId ?? 0);
	if (!unit || !period || !campaign || period.campaignId !== campaign.id) return null;
	if ((input.requestId ?? 0) !== 0 && (!request || request.unitId !== unit.id)) return null;
	if (!canFileReport(ctx.actor, unit.path, campaign.id)) return null;
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === campaign.id);
	const children = ctx.db
		.select()
		.from(units)
		.where(and(eq(units.parentId, unit.id), eq(units.active, true)))
		.orderBy(asc(units.name))
		.all()
		.filter((c) => !reach || takesPart(c.path, reach));
	const today = isoDay(ctx.now);
	return children.map((child) => filingRow(ctx.db, campaign, child, period, request, today));
}

/** An ad hoc request is answered from when it is made until this long after its deadline. */
const REQUEST_SHOWN_DAYS = 120;

/**
 * The reports the person files (for their admin units): each campaign's current year, phases ending (sơ kết,
 * tổng kết), and the ad hoc requests of the unit above.
 */
export function reportsToFile(ctx: ServiceContext): FilingRow[] {
	const actor = ctx.actor;
	if (!actor) return [];
	const today = isoDay(ctx.now);
	const reaches = campaignReaches(ctx.db);
	const rows: FilingRow[] = [];
	const unitIds = adminUnitIds(actor);
	for (const unitId of unitIds) {
		const unit = getUnit(ctx.db, unitId);
		if (!unit || !unit.active) continue;
		for (const reach of reaches.filter((r) => takesPart(unit.path, r))) {
			if (!canFileReport(actor, unit.path, reach.campaignId)) continue;
			const campaign = campaignOf(ctx.db, reach.campaignId)!;
			const campaignPeriods = ctx.db.select().from(periods).where(eq(periods.campaignId, campaign.id)).all();
			for (const period of periodsToReport(campaignPeriods, today)) rows.push(filingRow(ctx.db, campaign, unit, period, undefined, today));
			if (unit.parentId === null) continue;
			const requests = ctx.db
				.select()
				.from(reportRequests)
				.where(and(eq(reportRequests.campaignId, campaign.id), eq(reportRequests.unitId, unit.parentId)))
				.orderBy(asc(reportRequests.dueOn))
				.all()
				.filter((r) => today <= shiftDay(r.dueOn, REQUEST_SHOWN_DAYS));
			for (const request of requests)
				rows.push(
					filingRow(
						ctx.db,
						campaign,
						unit,
						campaignPeriods.find((p) => p.id === request.periodId)!,
						request,
						today
					)
				);
		}
	}
	return rows;
}

/** The report as the document its office files (the print page and exports lay it out). */
export function reportDocumentOf(ctx: ServiceContext, id: number): ReportDocument | null {
	const view = reportView(ctx, id);
	if (!view) return null;
	const unit = getUnit(ctx.db, view.unit.id)!;
	const parent = unit.parentId === null ? undefined : getUnit(ctx.db, unit.parentId);
	const owner = getUnit(ctx.db, view.campaign.ownerUnitId)!;
	const latest = view.report.status === 'submitted' ? view.versions.at(-1) : undefined;
	return reportDocument({
		unitName: unit.name,
		parentName: parent?.name ?? null,
		ownerName: owner.name,
		campaignName: view.campaign.name,
		periodName: view.period.name,
		kind: view.kind,
		requestTitle: view.request?.title ?? null,
		cutoffDay: view.cutoff.day,
		date: latest ? isoDay(latest.submittedAt) : view.today,
		figures: view.figures,
		adjustments: view.adjustments,
		narrative: view.narrative,
		quoted: view.quoted,
		version: latest?.version ?? null,
		submittedAt: latest?.submittedAt ?? null
	});
}
