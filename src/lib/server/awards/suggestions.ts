import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { campaigns, periods, reportVersions, reports } from '../db/schema';
import { awardFormsOf } from './forms';
import { boardSubjectsOf } from '../scoring/subjects';
import { frozenStandings } from '../scoring/periods';
import { subjectNames } from '../scoring/boards';
import { campaignReaches } from '../campaigns/participation';
import { getUnit } from '../units/queries';
import { takesPart } from '../../domain/campaigns/participation';
import { adminUnitIds, canFileReport } from '../../domain/permissions';
import { givenAt, quotaFor } from '../../domain/awards/forms';
import { boardKey } from '../../domain/scoring/boards';

/** How many of each board's leaders are suggested. */
const SUGGESTED = 10;

/**
 * Candidates for the awards of a closed period within a unit's scope: the leaders of each board the campaign
 * offers, as frozen when the period closed, with the criteria the data can tick — rank and points; for units,
 * their approved works in the period and whether their report came on time; for members, the approved works
 * they took part in. Null when the person does not file for the unit. A period not closed yet has no
 * suggestions: its standings are not final.
 */
export function awardSuggestions(ctx: ServiceContext, input: { campaignId: number; unitId: number; periodId: number }) {
	const unit = getUnit(ctx.db, input.unitId);
	const period = ctx.db.select().from(periods).where(eq(periods.id, input.periodId)).get();
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, input.campaignId)).get();
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === input.campaignId);
	if (!unit || !period || !campaign || period.campaignId !== campaign.id || !reach || !takesPart(unit.path, reach)) return null;
	if (!canFileReport(ctx.actor, unit.path, campaign.id)) return null;
	const ref = { code: period.code, kind: period.kind };
	const forms = awardFormsOf(ctx.db, campaign.id)
		.filter((f) => givenAt(f, ref))
		.map((f) => ({ code: f.code, name: f.name, subjects: f.subjects, quota: quotaFor(f, ref) }));
	if (period.status !== 'closed') return { closed: false as const, period: { id: period.id, name: period.name }, forms, boards: [] };

	const worksOfUnit = ctx.db.$client.prepare(
		`select count(*) from initiatives i join activity_types t on t.id = i.activity_type_id join units u on u.id = i.unit_id
		where t.campaign_id = ? and i.status = 'approved' and i.ended_on between ? and ? and u.path like (select path from units where id = ?) || '%'`
	);
	const worksOfMember = ctx.db.$client.prepare(
		`select count(distinct i.id) from initiative_participants p join initiatives i on i.id = p.initiative_id
		join activity_types t on t.id = i.activity_type_id
		where p.person_id = ? and t.campaign_id = ? and i.status = 'approved' and i.ended_on between ? and ?`
	);
	const onTime = (unitId: number): boolean | null => {
		const first = ctx.db
			.select({ onTime: reportVersions.onTime })
			.from(reports)
			.innerJoin(reportVersions, eq(reportVersions.reportId, reports.id))
			.where(
				and(eq(reports.campaignId, campaign.id), eq(reports.unitId, unitId), eq(reports.periodId, period.id), eq(reports.requestId, 0))
			)
			.orderBy(asc(reportVersions.version))
			.get();
		return first ? first.onTime : null;
	};

	const boards = boardSubjectsOf(ctx.db, campaign.id).flatMap((subject) => {
		const key = boardKey({ campaignId: campaign.id, subjectType: subject.code, scopeUnitId: unit.id, periodCode: period.code, area: null });
		const leaders = frozenStandings(ctx.db, period.id, key).slice(0, SUGGESTED);
		if (leaders.length === 0) return [];
		const names = subjectNames(
			ctx.db,
			subject.code,
			leaders.map((l) => l.subjectId)
		);
		return [
			{
				code: subject.code,
				label: subject.label,
				collective: subject.code !== 'member',
				rows: leaders.map((l) => ({
					subjectId: l.subjectId,
					name: names.get(l.subjectId)?.name ?? '',
					detail: names.get(l.subjectId)?.detail ?? null,
					rank: l.rank,
					points: l.points,
					works: subject.unit
						? (worksOfUnit.pluck().get(campaign.id, period.startsOn, period.endsOn, l.subjectId) as number)
						: subject.code === 'member'
							? (worksOfMember.pluck().get(l.subjectId, campaign.id, period.startsOn, period.endsOn) as number)
							: null,
					onTimeReport: subject.unit ? onTime(l.subjectId) : null
				}))
			}
		];
	});
	return { closed: true as const, period: { id: period.id, name: period.name }, forms, boards };
}

/** The closed periods of the campaign, newest first, and the units the person files for in it: the page's choices. */
export function suggestionChoices(ctx: ServiceContext, campaignId: number) {
	const actor = ctx.actor;
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === campaignId);
	if (!actor || !reach) return { units: [], periods: [] };
	const unitIds = adminUnitIds(actor);
	return {
		units: unitIds
			.map((id) => getUnit(ctx.db, id))
			.filter((u): u is NonNullable<typeof u> => !!u && u.active && takesPart(u.path, reach) && canFileReport(actor, u.path, campaignId))
			.map((u) => ({ id: u.id, name: u.name })),
		periods: ctx.db
			.select({ id: periods.id, name: periods.name, status: periods.status })
			.from(periods)
			.where(eq(periods.campaignId, campaignId))
			.orderBy(asc(periods.startsOn))
			.all()
			.filter((p) => p.status === 'closed')
			.reverse()
	};
}
