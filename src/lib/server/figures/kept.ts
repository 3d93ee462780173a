import type { Db } from '../db/client';
import { figuresOf } from './figures';
import type { Figures, FiguresScope } from '../../domain/figures/types';

/**
 * Figures are read far more often than work is logged or decided: the figures page at the province's size walks
 * tens of thousands of works (bench/scale.ts), the same for every reader until something changes. Each process keeps
 * what it computed per scope while nothing was written (every change to work or units is audited, every step of a
 * work is an activity event), and at most this long whatever else happens.
 */
export const KEPT_FIGURES_MS = 60_000;
const MAX_KEPT = 256;

const keptBy = new WeakMap<Db, Map<string, { version: string; at: number; figures: Figures | null }>>();

/** What the database has been through: it moves with every audited change and every step of every work. */
function writeVersion(db: Db): string {
	return db.$client
		.prepare("select (select coalesce(max(id), 0) from audit_log) || '.' || (select coalesce(max(id), 0) from activity_events)")
		.pluck()
		.get() as string;
}

/** figuresOf, kept: `now` is the cut-off when the figures are asked as they stand (the live page), any other is a day's end. */
export function keptFiguresOf(db: Db, scope: FiguresScope, now: number): Figures | null {
	let kept = keptBy.get(db);
	if (!kept) keptBy.set(db, (kept = new Map()));
	const live = scope.cutoffAt === now;
	const key = `${scope.campaignId}|${scope.unitId}|${scope.from}|${scope.to}|${live ? 'live' : scope.cutoffAt}`;
	const version = writeVersion(db);
	const entry = kept.get(key);
	if (entry && entry.version === version && now - entry.at < KEPT_FIGURES_MS && now >= entry.at) return entry.figures;
	const figures = figuresOf(db, scope);
	kept.delete(key);
	if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
	kept.set(key, { version, at: now, figures });
	return figures;
}
