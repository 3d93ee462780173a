import type { AppContext } from '../context';
import { resolveFiguresQuery, type FiguresQuery } from '../figures/page';
import { campaignMeasures } from '../figures/figures';
import { listLevels } from '../units/queries';
import { exportFileName } from '../../domain/exports/figures';
import type { Cell } from '../../domain/exports/cells';
import { workbookStream } from './xlsx';

const PAGE = 1000;

const APPROVED_IDS = `
	select i.id
	from activity_types t
	join initiatives i on i.activity_type_id = t.id and i.ended_on between @from and @to
	join units u on u.id = i.unit_id
	where t.campaign_id = @campaign and u.path like @path || '%' and i.status = 'approved'
	order by i.id`;

const PAGE_ROWS = `
	select i.id, i.title, i.ended_on as endedOn, i.place, u.name as unitName, u.level, a.code as areaCode, t.name as typeName
	from initiatives i
	join activity_types t on t.id = i.activity_type_id
	join content_areas a on a.id = t.content_area_id
	join units u on u.id = i.unit_id
	where i.id in (select value from json_each(?))
	order by i.id`;

const PAGE_MEASURES = `
	select initiative_id as id, measure_id as measureId, coalesce(approved_value, value) as value
	from initiative_measures where initiative_id in (select value from json_each(?))`;

interface ListRow {
	id: number;
	title: string;
	endedOn: string;
	place: string;
	unitName: string;
	level: string;
	areaCode: string;
	typeName: string;
}

/**
 * The approved initiatives of a unit's subtree whose activity day falls in the period, as a workbook streamed a
 * page at a time: one row per work, one column per measure of the campaign (the verified value). Public, like
 * the works themselves; it names no people. Null when the figures page would be a 404 or has no period.
 */
export function initiativesExport(ctx: Pick<AppContext, 'db' | 'now'>, query: FiguresQuery) {
	const resolved = resolveFiguresQuery(ctx, query);
	if (!resolved || resolved.campaign === null || !resolved.period) return null;
	const { campaign, unit, period } = resolved;
	const db = ctx.db.$client;
	const measures = campaignMeasures(ctx.db, campaign.id);
	const columnOf = new Map(measures.map((m, i) => [m.measureId, i]));
	const levels = new Map(listLevels(ctx.db).map((l) => [l.code, l.label]));
	const ids = db
		.prepare(APPROVED_IDS)
		.pluck()
		.all({ campaign: campaign.id, path: unit.path, from: period.startsOn, to: period.endsOn }) as number[];
	const pageRows = db.prepare(PAGE_ROWS);
	const pageMeasures = db.prepare(PAGE_MEASURES);

	function* rows(): Generator<Cell[]> {
		for (let start = 0; start < ids.length; start += PAGE) {
			const chunk = JSON.stringify(ids.slice(start, start + PAGE));
			const values = new Map<number, Array<number | null>>();
			for (const m of pageMeasures.all(chunk) as Array<{ id: number; measureId: number; value: number }>) {
				const column = columnOf.get(m.measureId);
				if (column === undefined) continue;
				if (!values.has(m.id)) values.set(m.id, Array<number | null>(measures.length).fill(null));
				values.get(m.id)![column] = m.value;
			}
			for (const r of pageRows.all(chunk) as ListRow[])
				yield [
					r.id,
					r.title,
					r.unitName,
					levels.get(r.level) ?? r.level,
					r.areaCode,
					r.typeName,
					r.endedOn.split('-').reverse().join('/'),
					r.place,
					...(values.get(r.id) ?? Array<null>(measures.length).fill(null))
				];
		}
	}

	return {
		count: ids.length,
		fileName: `${exportFileName(['sang-kien', unit.name, period.code])}.xlsx`,
		body: workbookStream(
			[
				{
					name: 'Sáng kiến đã duyệt',
					header: [
						'Mã',
						'Tên sáng kiến',
						'Đơn vị',
						'Cấp',
						'Nội dung thi đua',
						'Hoạt động',
						'Ngày hoàn thành',
						'Địa điểm',
						...measures.map((m) => `${m.activityTypeName}: ${m.label} (${m.unitLabel})`)
					],
					widths: [8, 48, 30, 14, 10, 36, 14, 24, ...measures.map(() => 16)],
					rows: rows()
				}
			],
			{ title: `Sáng kiến đã duyệt · ${unit.name} · ${period.name}`, subject: campaign.name }
		)
	};
}
