import type { Db } from '../db/client';
import { teamKindLabel } from '../../domain/teams';
import { teamSettingsOf } from '../teams/settings';
import { isoDay } from '../../format';
import { directMemberCounts } from '../units/queries';
import { tagsAtPath } from '../../domain/units/tags';
import { taggedUnitsOf, unitTagsOf } from './tags';
import type {
	ChildFigures,
	FigureAdjustment,
	Figures,
	FiguresScope,
	LevelCount,
	MeasureFigure,
	MonthFigures,
	TagCount,
	TeamCount
} from '../../domain/figures/types';

/**
 * A work's state at the cut-off is its last workflow event at or before it. Work is edited only as a draft or
 * when returned, so a work with no event after the cut-off stands exactly as the live tables hold it (status,
 * reported value, verified value): those — nearly all when the cut-off is today — are read from the tables.
 * A work with a later decision is read from the snapshot its last event before the cut-off carries, so a later
 * approval or revocation never changes a figure already reported.
 */
const SCOPED_WORKS = `
	with scoped as materialized (
		select i.id, i.ended_on, i.status, u.level, u.path
		from activity_types t
		join initiatives i on i.activity_type_id = t.id and i.ended_on between @from and @to
		join units u on u.id = i.unit_id
		where t.campaign_id = @campaign and u.path like @path || '%'
	),
	timed as materialized (
		select s.*, (select max(x.at) from activity_events x where x.initiative_id = s.id) as lastAt from scoped s
	)
	select w.id, w.ended_on, w.level, w.path, w.status, w.lastAt, m.measure_id as measureId,
		coalesce(m.approved_value, m.value) as value, m.value as reported
	from timed w
	left join initiative_measures m on m.initiative_id = w.id
	where w.lastAt > @cutoff or (w.lastAt is not null and w.status in ('approved', 'submitted'))`;

const LAST_EVENT_AT_CUTOFF = `
	select type, snapshot from activity_events where initiative_id = ? and at <= ? order by at desc, id desc limit 1`;

interface WorkState {
	id: number;
	ended_on: string;
	level: string;
	path: string;
	type: 'approved' | 'submitted';
	measures: Array<{ row: MeasureRow; value: number; reported: number }>;
}

interface SnapshotMeasure {
	measureId?: number;
	code: string | null;
	value: number;
	reported?: number;
}

interface MeasureRow {
	typeId: number;
	typeCode: string;
	typeName: string;
	areaCode: string;
	areaName: string;
	measureId: number;
	measureCode: string;
	label: string;
	unitLabel: string;
	kind: 'integer' | 'decimal';
}

function catalogue(db: Db, campaignId: number): MeasureRow[] {
	return db.$client
		.prepare(
			`select t.id as typeId, t.code as typeCode, t.name as typeName, a.code as areaCode, a.name as areaName,
				m.id as measureId, m.code as measureCode, m.label, m.unit_label as unitLabel, m.kind
			from activity_types t
			join content_areas a on a.id = t.content_area_id
			join activity_measures m on m.activity_type_id = t.id
			where t.campaign_id = ?
			order by a.code, t.code, t.id, m.position, m.id`
		)
		.all(campaignId) as MeasureRow[];
}

const measureKey = (typeCode: string, measureCode: string) => `${typeCode}.${measureCode}`;

/** The snapshot's measures resolved to catalogue rows (old snapshots name measures by code only). */
function measuresOfSnapshot(snapshot: string, byId: Map<number, MeasureRow>, byTypeCode: Map<string, MeasureRow>) {
	const parsed = JSON.parse(snapshot) as { activityTypeId: number; measures?: SnapshotMeasure[] };
	const out: Array<{ row: MeasureRow; value: number; reported: number }> = [];
	for (const m of parsed.measures ?? []) {
		const row = (m.measureId !== undefined ? byId.get(m.measureId) : undefined) ?? byTypeCode.get(`${parsed.activityTypeId}:${m.code}`);
		if (row) out.push({ row, value: m.value, reported: m.reported ?? m.value });
	}
	return out;
}

function unitOf(db: Db, id: number) {
	return db.$client.prepare('select id, name, level, path from units where id = ?').get(id) as
		{ id: number; name: string; level: string; path: string } | undefined;
}

function levelLabels(db: Db, campaignId: number): Map<string, string> {
	const rows = db.$client
		.prepare(
			`select l.code, coalesce(cl.label, l.label) as label from unit_levels l
			left join campaign_levels cl on cl.level_code = l.code and cl.campaign_id = ?
			order by coalesce(cl.rank, l.rank), cl.position`
		)
		.all(campaignId) as Array<{ code: string; label: string }>;
	return new Map(rows.map((r) => [r.code, r.label]));
}

function emptyFigure(r: MeasureRow): MeasureFigure {
	return {
		contentAreaCode: r.areaCode,
		contentAreaName: r.areaName,
		activityTypeId: r.typeId,
		activityTypeCode: r.typeCode,
		activityTypeName: r.typeName,
		measureCode: r.measureCode,
		label: r.label,
		unitLabel: r.unitLabel,
		kind: r.kind,
		approved: 0,
		reported: 0,
		works: 0,
		pending: 0,
		pendingWorks: 0
	};
}

/** Every measure of the campaign in the figures' order, all at zero: what targets can be registered for. */
export function campaignMeasures(db: Db, campaignId: number): Array<MeasureFigure & { measureId: number }> {
	return catalogue(db, campaignId).map((r) => ({ ...emptyFigure(r), measureId: r.measureId }));
}

/** Each work of the scope that counts at the cut-off (approved, or pending apart), with its measures then. */
function worksAtCutoff(
	db: Db,
	scope: FiguresScope,
	path: string,
	byId: Map<number, MeasureRow>,
	byTypeCode: Map<string, MeasureRow>
): WorkState[] {
	const params = { campaign: scope.campaignId, path, from: scope.from, to: scope.to, cutoff: scope.cutoffAt };
	const works = new Map<number, WorkState>();
	const decidedLater = new Map<number, Omit<WorkState, 'type' | 'measures'>>();
	const rows = db.$client.prepare(SCOPED_WORKS).all(params) as Array<
		Omit<WorkState, 'type' | 'measures'> & {
			status: string;
			lastAt: number;
			measureId: number | null;
			value: number | null;
			reported: number | null;
		}
	>;
	for (const r of rows) {
		if (r.lastAt > scope.cutoffAt) {
			decidedLater.set(r.id, { id: r.id, ended_on: r.ended_on, level: r.level, path: r.path });
			continue;
		}
		let work = works.get(r.id);
		if (!work) {
			work = { id: r.id, ended_on: r.ended_on, level: r.level, path: r.path, type: r.status as WorkState['type'], measures: [] };
			works.set(r.id, work);
		}
		const row = r.measureId === null ? undefined : byId.get(r.measureId);
		if (row && r.value !== null) work.measures.push({ row, value: r.value, reported: r.reported! });
	}
	const lastEvent = db.$client.prepare(LAST_EVENT_AT_CUTOFF);
	for (const work of decidedLater.values()) {
		const event = lastEvent.get(work.id, scope.cutoffAt) as { type: string; snapshot: string } | undefined;
		if (event && (event.type === 'approved' || event.type === 'submitted'))
			works.set(work.id, { ...work, type: event.type, measures: measuresOfSnapshot(event.snapshot, byId, byTypeCode) });
	}
	return [...works.values()];
}

/** The figures of a unit's subtree in one campaign and period as they stood at the cut-off. */
export function figuresOf(db: Db, scope: FiguresScope): Figures | null {
	const root = unitOf(db, scope.unitId);
	if (!root) return null;
	const rows = catalogue(db, scope.campaignId);
	const byId = new Map(rows.map((r) => [r.measureId, r]));
	const byTypeCode = new Map(rows.map((r) => [`${r.typeId}:${r.measureCode}`, r]));
	const totals = new Map<number, MeasureFigure>(rows.map((r) => [r.measureId, emptyFigure(r)]));
	const children = (
		db.$client.prepare('select id, name, level, path from units where parent_id = ? and active = 1 order by name').all(root.id) as Array<{
			id: number;
			name: string;
			level: string;
			path: string;
		}>
	).map((c) => ({ unit: c, figures: { unitId: c.id, name: c.name, levelCode: c.level, works: 0, measures: {} } as ChildFigures }));
	const labels = levelLabels(db, scope.campaignId);
	const byLevel = new Map<string, number>();
	const byMonth = new Map<string, number>();
	let approvedWorks = 0;
	let pendingWorks = 0;

	const states = worksAtCutoff(db, scope, root.path, byId, byTypeCode);
	const tagged = taggedUnitsOf(db, scope.campaignId);
	const worksByTag = new Map<string, number>();
	for (const work of states) {
		const measures = work.measures;
		if (work.type === 'submitted') {
			pendingWorks++;
			for (const m of measures) {
				const total = totals.get(m.row.measureId)!;
				total.pending += m.reported;
				total.pendingWorks++;
			}
			continue;
		}
		approvedWorks++;
		byLevel.set(work.level, (byLevel.get(work.level) ?? 0) + 1);
		if (tagged.size > 0) for (const code of tagsAtPath(work.path, tagged)) worksByTag.set(code, (worksByTag.get(code) ?? 0) + 1);
		const month = work.ended_on.slice(0, 7);
		byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
		const child = children.find((c) => work.path.startsWith(c.unit.path))?.figures;
		if (child) child.works++;
		for (const m of measures) {
			const total = totals.get(m.row.measureId)!;
			total.approved += m.value;
			total.reported += m.reported;
			total.works++;
			if (child) {
				const key = measureKey(m.row.typeCode, m.row.measureCode);
				child.measures[key] = (child.measures[key] ?? 0) + m.value;
			}
		}
	}

	const worksByLevel: LevelCount[] = [...labels.entries()]
		.filter(([code]) => byLevel.has(code))
		.map(([code, label]) => ({ levelCode: code, label, count: byLevel.get(code)! }));
	const months: MonthFigures[] = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, works]) => ({ month, works }));
	return {
		scope,
		unit: { id: root.id, name: root.name, levelCode: root.level },
		measures: [...totals.values()],
		works: { approved: approvedWorks, pending: pendingWorks },
		worksByLevel,
		teams: teamCounts(db, scope, root.path, labels),
		members: memberCount(db, root.path, isoDay(scope.cutoffAt)),
		children: children.map((c) => c.figures),
		months,
		byTag: tagCounts(db, scope, root.path, tagged, worksByTag)
	};
}

/** Each tag of the campaign within the subtree: the tagged units, their members at the cut-off, their approved works. */
function tagCounts(db: Db, scope: FiguresScope, path: string, tagged: Map<number, string[]>, worksByTag: Map<string, number>): TagCount[] {
	const tags = unitTagsOf(db, scope.campaignId);
	if (tags.length === 0) return [];
	const day = isoDay(scope.cutoffAt);
	const unitsIn = db.$client.prepare(`select id, path from units where path like ? || '%'`).all(path) as Array<{
		id: number;
		path: string;
	}>;
	const members = new Map<string, number>();
	const perUnit = directMemberCounts(db, path, day);
	for (const row of perUnit) for (const code of tagsAtPath(row.path, tagged)) members.set(code, (members.get(code) ?? 0) + row.n);
	return tags.map((tag) => ({
		code: tag.code,
		label: tag.label,
		units: unitsIn.filter((u) => tagged.get(u.id)?.includes(tag.code)).length,
		members: members.get(tag.code) ?? 0,
		works: worksByTag.get(tag.code) ?? 0
	}));
}

function teamCounts(db: Db, scope: FiguresScope, path: string, labels: Map<string, string>): TeamCount[] {
	const day = isoDay(scope.cutoffAt);
	const rows = db.$client
		.prepare(
			`select t.kind, u.level as levelCode, count(distinct t.id) as teams,
				count(distinct case when m.joined_at <= @cutoff and (m.left_at is null or m.left_at > @cutoff) then m.person_id end) as members
			from teams t
			join units u on u.id = t.unit_id
			left join team_members m on m.team_id = t.id
			where u.path like @path || '%' and t.active_from <= @day and (t.active_to is null or t.active_to >= @day)
				and t.created_at <= @cutoff
			group by t.kind, u.level`
		)
		.all({ path, day, cutoff: scope.cutoffAt }) as Array<{ kind: string; levelCode: string; teams: number; members: number }>;
	const kinds = teamSettingsOf(db, scope.campaignId).kinds;
	const levelOrder = [...labels.keys()];
	return rows
		.map((r) => ({ ...r, kindLabel: teamKindLabel(kinds, r.kind) }))
		.sort((a, b) => a.kindLabel.localeCompare(b.kindLabel, 'vi') || levelOrder.indexOf(a.levelCode) - levelOrder.indexOf(b.levelCode));
}

function memberCount(db: Db, path: string, day: string): number {
	const row = db.$client
		.prepare(
			`select count(distinct m.person_id) as n from memberships m join units u on u.id = m.unit_id
			where u.path like ? || '%' and m.joined_on <= ? and (m.left_on is null or m.left_on > ?)`
		)
		.get(path, day, day) as { n: number };
	return row.n;
}

/**
 * Decisions after the cut-off on works of the scope, up to `untilAt`: a late approval adds its verified
 * values, a revocation of work that counted at the cut-off takes them away. Shown beside a submitted report,
 * never folded into it.
 */
export function adjustmentsOf(db: Db, scope: FiguresScope, untilAt: number): FigureAdjustment[] {
	const root = unitOf(db, scope.unitId);
	if (!root) return [];
	const rows = catalogue(db, scope.campaignId);
	const byId = new Map(rows.map((r) => [r.measureId, r]));
	const byTypeCode = new Map(rows.map((r) => [`${r.typeId}:${r.measureCode}`, r]));
	const events = db.$client
		.prepare(
			`select e.initiative_id as initiativeId, e.type, e.at, e.snapshot, i.title, u.name as unitName
			from activity_events e
			join initiatives i on i.id = e.initiative_id
			join activity_types t on t.id = i.activity_type_id and t.campaign_id = @campaign
			join units u on u.id = i.unit_id
			where u.path like @path || '%' and i.ended_on between @from and @to
				and e.at > @cutoff and e.at <= @until and e.type in ('approved', 'revoked')
			order by e.at, e.id`
		)
		.all({ campaign: scope.campaignId, path: root.path, from: scope.from, to: scope.to, cutoff: scope.cutoffAt, until: untilAt }) as Array<{
		initiativeId: number;
		type: 'approved' | 'revoked';
		at: number;
		snapshot: string;
		title: string;
		unitName: string;
	}>;
	const approvedBefore = db.$client.prepare(
		`select snapshot from activity_events where initiative_id = ? and type = 'approved' and at <= ? order by at desc, id desc limit 1`
	);
	const out: FigureAdjustment[] = [];
	for (const e of events) {
		// A revocation takes away what its approval added, whether the report counted it or it came late.
		const counted =
			e.type === 'approved' ? e.snapshot : (approvedBefore.get(e.initiativeId, e.at) as { snapshot: string } | undefined)?.snapshot;
		if (!counted) continue;
		const sign = e.type === 'approved' ? 1 : -1;
		const deltas: Record<string, number> = {};
		for (const m of measuresOfSnapshot(counted, byId, byTypeCode)) deltas[measureKey(m.row.typeCode, m.row.measureCode)] = sign * m.value;
		out.push({
			initiativeId: e.initiativeId,
			title: e.title,
			unitName: e.unitName,
			decidedAt: e.at,
			kind: e.type === 'approved' ? 'late_approval' : 'revocation',
			deltas
		});
	}
	return out;
}
