import { can, type Action, type Actor, type Resource } from '../permissions';
import { t } from '../../i18n';
import { toSearchText } from '../../text';
import { RowReader, UNIT_COLUMNS, mapColumns, rowIsBlank, shown, type ImportError, type RawTable, type UnitKey } from '../imports/table';
import type { UnitNode } from './tree';

/**
 * Who imports: an admin, held to the same permission checks as the forms, or the server's operator running
 * the command line (who has the database file anyway).
 */
export type ImportAuthority = { kind: 'actor'; actor: Actor } | { kind: 'operator' };

export function allows(authority: ImportAuthority, action: Action, resource: Resource): boolean {
	return authority.kind === 'operator' || can(authority.actor, action, resource);
}

export interface KnownUnit extends UnitNode {
	code: string | null;
	name: string;
	shortName: string;
	level: string;
	parentId: number | null;
}

export interface LevelOption {
	code: string;
	label: string;
}

/** A unit a row can name: one already there, or one this import creates (its path is a placeholder below its parent). */
export type UnitRef = { kind: 'existing'; unit: KnownUnit } | { kind: 'new'; code: string; node: UnitNode; line: number };

export interface NewUnit {
	line: number;
	code: string;
	name: string;
	shortName: string;
	level: string;
	/** An existing unit's id, or the code of a unit created earlier in the same import (creations are ordered parents first). */
	parent: { kind: 'existing'; id: number } | { kind: 'new'; code: string };
}

export interface UnitUpdate {
	line: number;
	unitId: number;
	code: string;
	before: { name: string; shortName: string };
	name: string;
	shortName: string;
}

export interface UnitsPlan {
	create: NewUnit[];
	update: UnitUpdate[];
	unchanged: number;
	errors: ImportError[];
	/** Codes (upper-case) → units, for the people table of the same import. */
	resolve(code: string): UnitRef | null;
}

/** Codes are compared and stored upper-case. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
/** Units created in the app get "DV<id>" (a trigger): a file may name them but never invent one. */
const RESERVED_CODE = /^DV\d+$/;

export function normaliseCode(value: string): string {
	return value.toUpperCase();
}

export function matchLevel(value: string, levels: LevelOption[]): string | null {
	const wanted = toSearchText(value);
	return levels.find((l) => l.code === value || toSearchText(l.code) === wanted || toSearchText(l.label) === wanted)?.code ?? null;
}

interface UnitRow {
	line: number;
	code: string;
	name: string;
	shortName: string;
	level: string;
	parentCode: string;
	reader: RowReader<UnitKey>;
}

export function emptyUnitsPlan(units: KnownUnit[]): UnitsPlan {
	const byCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
	return {
		create: [],
		update: [],
		unchanged: 0,
		errors: [],
		resolve: (code) => {
			const unit = byCode.get(code);
			return unit ? { kind: 'existing', unit } : null;
		}
	};
}

/**
 * Decides what a units table would do: rows whose code exists update that unit's names (or change nothing),
 * new codes create units under a parent named by code — one already there or one created by the same file.
 * Moves and level changes are refused (they have their own, audited forms). Scope is checked row by row.
 */
export function planUnits(table: RawTable | null, units: KnownUnit[], levels: LevelOption[], authority: ImportAuthority): UnitsPlan {
	const plan = emptyUnitsPlan(units);
	if (!table) return plan;
	const columns = mapColumns(table, UNIT_COLUMNS);
	if (!columns.ok) return { ...plan, errors: columns.errors };
	const byCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
	const byId = new Map(units.map((u) => [u.id, u]));
	const levelLabel = new Map(levels.map((l) => [l.code, l.label]));
	const errors: ImportError[] = [];
	const rows: UnitRow[] = [];
	const seen = new Map<string, number>();

	for (const { line, cells } of table.rows) {
		if (rowIsBlank(cells)) continue;
		const r = new RowReader(table, UNIT_COLUMNS, columns.index, line, cells);
		const rawCode = r.text('code', { required: true, max: 40 });
		const name = r.text('name', { required: true, max: 200 });
		const shortName = r.text('shortName', { max: 100 });
		const rawLevel = r.text('level', { required: true });
		const rawParent = r.text('parentCode', { required: true, max: 40 });
		const code = rawCode ? normaliseCode(rawCode) : null;
		if (code && !CODE_PATTERN.test(code)) r.failKey('code', 'import.badCode', { value: shown(rawCode!) });
		else if (code && seen.has(code)) r.failKey('code', 'import.duplicateInFile', { value: code, line: seen.get(code)! });
		if (code) seen.set(code, seen.get(code) ?? line);
		const level = rawLevel ? matchLevel(rawLevel, levels) : null;
		if (rawLevel && !level)
			r.failKey('level', 'import.unknownLevel', { value: shown(rawLevel), levels: levels.map((l) => `${l.code} (${l.label})`).join(', ') });
		if (r.errors.length === 0 && code && name && level && rawParent) {
			rows.push({ line, code, name, shortName: shortName || name, level, parentCode: normaliseCode(rawParent), reader: r });
		}
		errors.push(...r.errors);
	}

	// Existing units first: they can only be renamed (or left as they are).
	const creating = new Map<string, UnitRow>();
	for (const row of rows) {
		const existing = byCode.get(row.code);
		const r = row.reader;
		if (!existing) {
			if (!RESERVED_CODE.test(row.code)) creating.set(row.code, row);
			else {
				r.failKey('code', 'import.reservedCode', { value: row.code });
				errors.push(...r.errors);
			}
			continue;
		}
		const parent = existing.parentId === null ? null : byId.get(existing.parentId);
		if (!existing.active) r.failKey('code', 'import.retiredUnit', { value: row.code });
		else if (!allows(authority, 'person.create', { kind: 'unit', unit: existing }))
			r.failKey('code', 'import.outOfScope', { value: row.code });
		else if ((parent?.code ?? '') !== row.parentCode)
			r.failKey('parentCode', 'import.otherParent', { current: parent ? `${parent.code} — ${parent.name}` : '—' });
		else if (existing.level !== row.level)
			r.failKey('level', 'import.otherLevel', { current: levelLabel.get(existing.level) ?? existing.level });
		else if (existing.name === row.name && existing.shortName === row.shortName) plan.unchanged++;
		else if (!allows(authority, 'unit.rename', { kind: 'unit', unit: existing }))
			r.failKey('name', 'import.outOfScope', { value: row.code });
		else
			plan.update.push({
				line: row.line,
				unitId: existing.id,
				code: row.code,
				before: { name: existing.name, shortName: existing.shortName },
				name: row.name,
				shortName: row.shortName
			});
		errors.push(...r.errors);
	}

	// New units, parents first: each round places the rows whose parent is known; what is left is unknown or a cycle.
	const placed = new Map<string, UnitRef & { kind: 'new' }>();
	let pending = [...creating.values()];
	while (pending.length) {
		const next: UnitRow[] = [];
		for (const row of pending) {
			const existingParent = byCode.get(row.parentCode);
			const newParent = placed.get(row.parentCode);
			if (!existingParent && !newParent) {
				next.push(row);
				continue;
			}
			const r = row.reader;
			const parentNode: UnitNode = existingParent ?? newParent!.node;
			if (existingParent && !existingParent.active) r.failKey('parentCode', 'import.retiredUnit', { value: row.parentCode });
			else if (!allows(authority, 'unit.create', { kind: 'unit', unit: parentNode }))
				r.failKey('parentCode', 'import.outOfScope', { value: row.parentCode });
			if (r.errors.length) {
				errors.push(...r.errors);
				continue;
			}
			placed.set(row.code, {
				kind: 'new',
				code: row.code,
				line: row.line,
				node: { id: -row.line, path: `${parentNode.path}new${row.line}/`, active: true }
			});
			plan.create.push({
				line: row.line,
				code: row.code,
				name: row.name,
				shortName: row.shortName,
				level: row.level,
				parent: existingParent ? { kind: 'existing', id: existingParent.id } : { kind: 'new', code: row.parentCode }
			});
		}
		if (next.length === pending.length) {
			for (const row of next) {
				const inFile = creating.has(row.parentCode);
				errors.push({
					sheet: table.sheet,
					line: row.line,
					column: row.reader.header('parentCode'),
					message: inFile ? t('import.parentCycle') : t('import.unknownUnit', { value: shown(row.parentCode) })
				});
			}
			break;
		}
		pending = next;
	}

	errors.sort((a, b) => a.line - b.line);
	return {
		...plan,
		errors,
		resolve: (code) => {
			const unit = byCode.get(code);
			if (unit) return { kind: 'existing', unit };
			return placed.get(code) ?? null;
		}
	};
}
