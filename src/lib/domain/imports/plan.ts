import { t } from '../../i18n';
import { IMPORT_MAX_ROWS, classify, rowIsBlank, type ImportError, type RawTable, type TableKind } from './table';
import { emptyUnitsPlan, planUnits, type ImportAuthority, type KnownUnit, type LevelOption, type UnitsPlan } from '../units/import-plan';
import { planPeople, type KnownPerson, type PeoplePlan } from '../people/import-plan';

export interface ImportWorld {
	units: KnownUnit[];
	levels: LevelOption[];
	people: KnownPerson[];
	/** Today in Vietnam, yyyy-mm-dd. */
	today: string;
}

export interface ImportPlan {
	units: Omit<UnitsPlan, 'errors' | 'resolve'>;
	people: Omit<PeoplePlan, 'errors'>;
	/** Any error refuses the whole file: nothing is applied until every row is right. */
	errors: ImportError[];
	rows: number;
	/** Sheets that are not a table of units or people (an instructions sheet): named in the preview, not read. */
	ignoredSheets: string[];
}

export function dataRowCount(tables: RawTable[]): number {
	return tables.reduce((n, table) => n + table.rows.filter((r) => !rowIsBlank(r.cells)).length, 0);
}

/**
 * The whole file: at most one table of units and one of people (a workbook may hold both, on two sheets;
 * a CSV holds one), units first so people can join units the same file creates.
 */
export function planImport(tables: RawTable[], world: ImportWorld, authority: ImportAuthority): ImportPlan {
	const rows = dataRowCount(tables);
	const empty = emptyUnitsPlan([]);
	const nothing: ImportPlan = {
		units: { create: [], update: [], unchanged: 0 },
		people: { create: [], update: [], unchanged: 0 },
		errors: [],
		rows,
		ignoredSheets: []
	};
	const fileError = (message: string, sheet: string | null = null): ImportPlan => ({
		...nothing,
		errors: [{ sheet, line: 1, column: null, message }]
	});
	if (rows > IMPORT_MAX_ROWS) return fileError(t('import.tooManyRows', { max: IMPORT_MAX_ROWS.toLocaleString('vi-VN') }));
	const byKind: Partial<Record<TableKind, RawTable>> = {};
	const unknown: RawTable[] = [];
	for (const table of tables) {
		if (table.rows.length === 0 && table.header.length === 0) continue;
		const kind = classify(table);
		if (!kind) {
			unknown.push(table);
			continue;
		}
		if (byKind[kind])
			return fileError(t('import.twoTables', { kind: t(kind === 'units' ? 'import.units' : 'import.people') }), table.sheet);
		byKind[kind] = table;
	}
	if (!byKind.units && !byKind.people)
		return fileError(t(unknown.length ? 'import.unknownTable' : 'import.empty'), unknown[0]?.sheet ?? null);
	const units = byKind.units ? planUnits(byKind.units, world.units, world.levels, authority) : { ...empty, ...emptyUnitsPlan(world.units) };
	const people = planPeople(byKind.people ?? null, world, units.resolve, authority);
	return {
		units: { create: units.create, update: units.update, unchanged: units.unchanged },
		people: { create: people.create, update: people.update, unchanged: people.unchanged },
		errors: [...units.errors, ...people.errors],
		rows,
		ignoredSheets: unknown.map((u) => u.sheet ?? '')
	};
}
