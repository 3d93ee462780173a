import type { AppContext } from '../context';
import { resolveFiguresQuery, type FiguresQuery } from '../figures/page';
import { campaignMeasures } from '../figures/figures';
import { listLevels } from '../units/queries';
import { teamSettingsOf } from '../teams/settings';
import { subjectNames } from '../scoring/boards';
import { CONTRIBUTOR_SUBJECT } from '../../domain/contributors';
import { teamKindLabel } from '../../domain/teams';
import { adminScopes } from '../../domain/permissions';
import { isWithin } from '../../domain/units/tree';
import { exportFileName } from '../../domain/exports/figures';
import type { Cell } from '../../domain/exports/cells';
import { isoDay } from '../../format';
import { workbookStream, type StreamedSection } from './xlsx';

/** The lists behind the figures, as a workbook streamed to the response. */
export interface ListExport {
	count: number;
	fileName: string;
	body: ReadableStream<Uint8Array>;
}

const vnDay = (day: string | null) => (day ? day.split('-').reverse().join('/') : null);

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
export function initiativesExport(ctx: Pick<AppContext, 'db' | 'now'>, query: FiguresQuery): ListExport | null {
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
					vnDay(r.endedOn),
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

const TEAMS = `
	select t.id, t.name, t.kind, t.served_places as servedPlaces, t.active_from as activeFrom, t.active_to as activeTo,
		u.name as unitName, u.level,
		(select count(*) from team_members m where m.team_id = t.id and m.left_at is null) as members,
		(select count(*) from initiatives i join activity_types a on a.id = i.activity_type_id
			where i.team_id = t.id and i.status = 'approved' and a.campaign_id = @campaign and i.ended_on between @from and @to) as works
	from teams t join units u on u.id = t.unit_id
	where u.path like @path || '%' and t.active_from <= @to and (t.active_to is null or t.active_to >= @from)
	order by u.path, t.name`;

/** The teams of a unit's subtree active during the period, with their members now and their approved works in it. Public. */
export function teamsExport(ctx: Pick<AppContext, 'db' | 'now'>, query: FiguresQuery): ListExport | null {
	const resolved = resolveFiguresQuery(ctx, query);
	if (!resolved || resolved.campaign === null || !resolved.period) return null;
	const { campaign, unit, period } = resolved;
	const kinds = teamSettingsOf(ctx.db, campaign.id).kinds;
	const levels = new Map(listLevels(ctx.db).map((l) => [l.code, l.label]));
	const rows = ctx.db.$client
		.prepare(TEAMS)
		.all({ campaign: campaign.id, path: unit.path, from: period.startsOn, to: period.endsOn }) as Array<{
		id: number;
		name: string;
		kind: string;
		servedPlaces: string;
		activeFrom: string;
		activeTo: string | null;
		unitName: string;
		level: string;
		members: number;
		works: number;
	}>;
	return {
		count: rows.length,
		fileName: `${exportFileName(['doi-hinh', unit.name, period.code])}.xlsx`,
		body: workbookStream(
			[
				{
					name: 'Đội hình',
					header: [
						'Mã',
						'Tên đội hình',
						'Loại đội hình',
						'Đơn vị',
						'Cấp',
						'Địa bàn phục vụ',
						'Hoạt động từ',
						'Đến',
						'Thành viên hiện nay',
						'Sáng kiến đã duyệt trong kỳ'
					],
					widths: [8, 40, 24, 30, 14, 36, 14, 14, 14, 16],
					rows: rows.map((r) => [
						r.id,
						r.name,
						teamKindLabel(kinds, r.kind),
						r.unitName,
						levels.get(r.level) ?? r.level,
						(JSON.parse(r.servedPlaces) as string[]).join('; '),
						vnDay(r.activeFrom),
						vnDay(r.activeTo),
						r.members,
						r.works
					])
				}
			],
			{ title: `Đội hình · ${unit.name} · ${period.name}`, subject: campaign.name }
		)
	};
}

const POINTS = `
	select subject_type as type, subject_id as id, sum(points) as points
	from point_entries
	where campaign_id = @campaign and scope_path like @path || '%' and activity_date between @from and @to
	group by subject_type, subject_id
	having sum(points) <> 0
	order by points desc, subject_id`;

/**
 * Points earned in the period within a unit's subtree, from the ledger: one sheet for units, one for teams,
 * one for outside contributors, and — for people who administer the unit — one for members (by the display
 * name the boards show). Units and teams are as public as the boards.
 */
export function pointsExport(ctx: Pick<AppContext, 'db' | 'now' | 'actor'>, query: FiguresQuery): ListExport | null {
	const resolved = resolveFiguresQuery(ctx, query);
	if (!resolved || resolved.campaign === null || !resolved.period) return null;
	const { campaign, unit, period } = resolved;
	const levels = new Map(listLevels(ctx.db).map((l) => [l.code, l.label]));
	const rows = ctx.db.$client
		.prepare(POINTS)
		.all({ campaign: campaign.id, path: unit.path, from: period.startsOn, to: period.endsOn }) as Array<{
		type: string;
		id: number;
		points: number;
	}>;
	const administers = adminScopes(ctx.actor ?? null).some((p) => isWithin(unit.path, p));
	const byType = new Map<string, Array<{ id: number; points: number }>>();
	for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
	const named = (type: string) => {
		const list = byType.get(type) ?? [];
		const names = subjectNames(
			ctx.db,
			type,
			list.map((r) => r.id)
		);
		return list.map((r, i) => ({ rank: i + 1, ...r, ...(names.get(r.id) ?? { name: '', detail: null }) }));
	};
	const unitRows = [...byType.keys()]
		.filter((type) => type !== 'member' && type !== 'team' && type !== CONTRIBUTOR_SUBJECT)
		.flatMap((type) => named(type).map((r) => [r.name, levels.get(type) ?? type, r.points] as Cell[]))
		.sort((a, b) => (b[2] as number) - (a[2] as number));
	const sections: StreamedSection[] = [
		{ name: 'Đơn vị', header: ['Đơn vị', 'Cấp', 'Điểm'], widths: [40, 16, 12], rows: unitRows },
		{
			name: 'Đội hình',
			header: ['Hạng', 'Đội hình', 'Đơn vị', 'Điểm'],
			widths: [8, 40, 30, 12],
			rows: named('team').map((r) => [r.rank, r.name, r.detail, r.points])
		},
		{
			name: 'Cá nhân, tập thể ngoài',
			header: ['Hạng', 'Tên', 'Loại · đơn vị', 'Điểm'],
			widths: [8, 36, 40, 12],
			rows: named(CONTRIBUTOR_SUBJECT).map((r) => [r.rank, r.name, r.detail, r.points])
		}
	];
	if (administers)
		sections.push({
			name: 'Đoàn viên',
			header: ['Hạng', 'Đoàn viên', 'Điểm'],
			widths: [8, 36, 12],
			rows: named('member').map((r) => [r.rank, r.name, r.points])
		});
	return {
		count: rows.length,
		fileName: `${exportFileName(['diem', unit.name, period.code, isoDay(ctx.now)])}.xlsx`,
		body: workbookStream(sections, { title: `Điểm thi đua · ${unit.name} · ${period.name}`, subject: campaign.name })
	};
}
