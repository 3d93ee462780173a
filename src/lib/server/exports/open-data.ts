import { createHash } from 'node:crypto';
import type { AppContext } from '../context';
import { figuresPage, type FiguresQuery } from '../figures/page';
import { figuresExport, type ExportFile } from './figures';

/** The public aggregates of `/so-lieu` as open data: never the adjustments (those are for the unit's admins). */
export interface OpenFigures {
	campaign: { slug: string; name: string };
	period: { code: string; name: string; startsOn: string; endsOn: string };
	unit: { id: number; name: string; levelCode: string };
	cutoffDay: string;
	works: { approved: number; pending: number };
	members: number;
	measures: {
		contentArea: string;
		activityType: string;
		measure: string;
		label: string;
		unit: string;
		approved: number;
		reported: number;
		works: number;
		pending: number;
	}[];
	worksByLevel: { level: string; label: string; count: number }[];
	teams: { kind: string; label: string; level: string; teams: number; members: number }[];
	children: { id: number; name: string; level: string; works: number; measures: Record<string, number> }[];
	months: { month: string; works: number }[];
}

export interface OpenResponse<T> {
	body: T;
	/** A strong validator over the bytes the client gets. */
	etag: string;
}

function etagOf(bytes: Uint8Array | string): string {
	return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/**
 * `/api/v1/so-lieu`: the figures the public page shows for the same query, read as nobody (public aggregates
 * only). Null when the page would be a 404 or the campaign has no period yet.
 */
export function openFigures(ctx: Pick<AppContext, 'db' | 'now'>, query: FiguresQuery): OpenResponse<string> | null {
	const page = figuresPage({ ...ctx, actor: null }, query);
	if (!page || !('figures' in page) || !page.figures) return null;
	const f = page.figures;
	const data: OpenFigures = {
		campaign: { slug: page.campaign.slug, name: page.campaign.name },
		period: page.period,
		unit: { id: f.unit.id, name: f.unit.name, levelCode: f.unit.levelCode },
		cutoffDay: page.cutoffDay,
		works: f.works,
		members: f.members,
		measures: f.measures.map((m) => ({
			contentArea: m.contentAreaName,
			activityType: m.activityTypeCode,
			measure: m.measureCode,
			label: m.label,
			unit: m.unitLabel,
			approved: m.approved,
			reported: m.reported,
			works: m.works,
			pending: m.pending
		})),
		worksByLevel: f.worksByLevel.map((l) => ({ level: l.levelCode, label: l.label, count: l.count })),
		teams: f.teams.map((x) => ({ kind: x.kind, label: x.kindLabel, level: x.levelCode, teams: x.teams, members: x.members })),
		children: f.children.map((c) => ({ id: c.unitId, name: c.name, level: c.levelCode, works: c.works, measures: c.measures })),
		months: f.months
	};
	const body = JSON.stringify(data);
	return { body, etag: etagOf(body) };
}

/** `/api/v1/so-lieu.csv`: the measures table of the same query (UTF-8 with BOM), read as nobody. */
export async function openFiguresCsv(
	ctx: Pick<AppContext, 'db' | 'now'>,
	query: FiguresQuery
): Promise<(ExportFile & { etag: string }) | null> {
	const file = await figuresExport({ ...ctx, actor: null }, query, 'csv');
	return file && { ...file, etag: etagOf(file.body) };
}

export const OPEN_CACHE = 'public, max-age=60';
