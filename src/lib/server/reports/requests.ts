import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { campaigns, periods, reportRequests, units } from '../db/schema';
import { recordAudit } from '../audit';
import { campaignReaches } from '../campaigns/participation';
import { getUnit } from '../units/queries';
import { submissions } from './service';
import { takesPart } from '../../domain/campaigns/participation';
import { adminUnitIds, canFileReport } from '../../domain/permissions';
import { isRealDay } from '../../domain/figures/cutoff';
import { isoDay } from '../../format';
import { normaliseLine } from '../../text';
import type { MessageKey } from '../../i18n';

const TITLE_MAX = 200;
const NOTE_MAX = 2000;

export type RequestResult = { ok: true; id: number } | { ok: false; problem: 'forbidden' | 'notFound' | 'invalid'; error: MessageKey };

/**
 * A unit asks its direct children for a report outside the yearly cycle: a title, the period whose figures it
 * covers, a deadline from today on, and a note. Each child then finds it among its reports to file.
 */
export function createRequest(
	ctx: ServiceContext,
	input: { campaignId: number; unitId: number; periodId: number; title: string; note: string; dueOn: string }
): RequestResult {
	const unit = getUnit(ctx.db, input.unitId);
	const period = ctx.db.select().from(periods).where(eq(periods.id, input.periodId)).get();
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === input.campaignId);
	if (!unit || !unit.active || !period || period.campaignId !== input.campaignId || !reach || !takesPart(unit.path, reach))
		return { ok: false, problem: 'notFound', error: 'report.notFound' };
	if (!canFileReport(ctx.actor, unit.path, input.campaignId)) return { ok: false, problem: 'forbidden', error: 'report.forbidden' };
	const title = normaliseLine(input.title);
	if (title === '') return { ok: false, problem: 'invalid', error: 'reportRequest.titleRequired' };
	if (title.length > TITLE_MAX) return { ok: false, problem: 'invalid', error: 'reportRequest.titleTooLong' };
	const note = input.note.replace(/\r\n?/g, '\n').trim();
	if (note.length > NOTE_MAX) return { ok: false, problem: 'invalid', error: 'reportRequest.noteTooLong' };
	const today = isoDay(ctx.now);
	const dueOn = input.dueOn.trim();
	if (!isRealDay(dueOn) || dueOn < today) return { ok: false, problem: 'invalid', error: 'reportRequest.dueOn' };
	const hasChildren = ctx.db
		.select({ id: units.id, path: units.path })
		.from(units)
		.where(and(eq(units.parentId, unit.id), eq(units.active, true)))
		.all()
		.some((c) => takesPart(c.path, reach));
	if (!hasChildren) return { ok: false, problem: 'invalid', error: 'reportRequest.noChildren' };
	return ctx.db.transaction(() => {
		const row = ctx.db
			.insert(reportRequests)
			.values({
				campaignId: input.campaignId,
				unitId: unit.id,
				periodId: period.id,
				title,
				note,
				dueOn,
				createdBy: ctx.actor!.personId,
				createdAt: ctx.now
			})
			.returning({ id: reportRequests.id })
			.get();
		recordAudit(ctx.db, ctx, {
			action: 'report.request',
			targetType: 'report_request',
			targetId: row.id,
			unitId: unit.id,
			after: { title, dueOn }
		});
		return { ok: true as const, id: row.id };
	});
}

/** The requests made by the units the person files for, newest first. */
export function requestsMade(ctx: ServiceContext) {
	const actor = ctx.actor;
	if (!actor) return [];
	const unitIds = adminUnitIds(actor);
	if (unitIds.length === 0) return [];
	return ctx.db
		.select({
			id: reportRequests.id,
			title: reportRequests.title,
			dueOn: reportRequests.dueOn,
			unitName: units.name,
			unitPath: units.path,
			campaignId: reportRequests.campaignId
		})
		.from(reportRequests)
		.innerJoin(units, eq(units.id, reportRequests.unitId))
		.where(inArray(reportRequests.unitId, unitIds))
		.orderBy(desc(reportRequests.createdAt))
		.all()
		.filter((r) => canFileReport(actor, r.unitPath, r.campaignId))
		.map(({ unitPath: _path, ...r }) => r);
}

/** A request with the children's answers: sent on time or late, overdue, due. For those who file for the requesting unit. */
export function requestView(ctx: ServiceContext, id: number) {
	const request = ctx.db.select().from(reportRequests).where(eq(reportRequests.id, id)).get();
	if (!request) return null;
	const board = submissions(ctx, { campaignId: request.campaignId, unitId: request.unitId, periodId: request.periodId, requestId: id });
	if (!board) return null;
	const campaign = ctx.db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, request.campaignId)).get()!;
	const period = ctx.db.select({ name: periods.name }).from(periods).where(eq(periods.id, request.periodId)).get()!;
	return {
		request: { id: request.id, title: request.title, note: request.note, dueOn: request.dueOn },
		unit: { id: request.unitId, name: getUnit(ctx.db, request.unitId)!.name },
		campaign: campaign.name,
		period: period.name,
		board
	};
}

/** What the request form offers: the units the person files for that have children, each campaign's periods. */
export function requestChoices(ctx: ServiceContext) {
	const actor = ctx.actor;
	if (!actor) return [];
	const reaches = campaignReaches(ctx.db);
	const today = isoDay(ctx.now);
	const unitIds = adminUnitIds(actor);
	return unitIds.flatMap((unitId) => {
		const unit = getUnit(ctx.db, unitId);
		if (!unit || !unit.active) return [];
		const hasChildren = ctx.db
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.parentId, unit.id), eq(units.active, true)))
			.get();
		if (!hasChildren) return [];
		return reaches
			.filter((r) => takesPart(unit.path, r) && canFileReport(actor, unit.path, r.campaignId))
			.map((r) => {
				const campaign = ctx.db
					.select({ id: campaigns.id, name: campaigns.name })
					.from(campaigns)
					.where(eq(campaigns.id, r.campaignId))
					.get()!;
				return {
					unit: { id: unit.id, name: unit.name },
					campaign,
					// This year's period comes first chosen: a request is most often about the figures of now.
					periods: ctx.db
						.select({ id: periods.id, name: periods.name, kind: periods.kind, startsOn: periods.startsOn, endsOn: periods.endsOn })
						.from(periods)
						.where(eq(periods.campaignId, campaign.id))
						.orderBy(asc(periods.startsOn), asc(periods.endsOn))
						.all()
						.map((p) => ({ id: p.id, name: p.name, current: p.kind === 'year' && p.startsOn <= today && today <= p.endsOn }))
				};
			});
	});
}
