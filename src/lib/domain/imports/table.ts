import { t, type MessageKey } from '../../i18n';
import { normaliseLine, toSearchText } from '../../text';

/**
 * Spreadsheets as the import sees them, whatever the file was: tables of text cells. A formula is kept as a
 * marker, never as its cached result, so a planted `=HYPERLINK(…)` or `=cmd|…` is refused row by row and no
 * value anyone's spreadsheet program computed ever reaches the database.
 */
export type RawCell = string | { formula: string };

export interface RawTable {
	/** The worksheet's name (xlsx), null for a CSV. */
	sheet: string | null;
	header: RawCell[];
	/** `line` is the row number the person sees in their spreadsheet program (the header is line 1). */
	rows: { line: number; cells: RawCell[] }[];
}

/** Data rows per file, all tables together: a province (34,077 members in 2023) fits with room to spare. */
export const IMPORT_MAX_ROWS = 50_000;
/** Bytes per uploaded file, checked while it streams in, before any parsing. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface ColumnDef<K extends string = string> {
	key: K;
	header: string;
	/** The column must be in the file (its cells may still be empty where the rules allow). */
	required: boolean;
	aliases?: string[];
}

export const UNIT_COLUMNS = [
	{ key: 'code', header: 'Mã đơn vị', required: true },
	{ key: 'name', header: 'Tên đơn vị', required: true },
	{ key: 'shortName', header: 'Tên viết tắt', required: false, aliases: ['Tên ngắn'] },
	{ key: 'level', header: 'Cấp', required: true, aliases: ['Cấp đơn vị'] },
	{ key: 'parentCode', header: 'Mã đơn vị cấp trên', required: true }
] as const satisfies readonly ColumnDef[];

export const PEOPLE_COLUMNS = [
	{ key: 'fullName', header: 'Họ và tên', required: true, aliases: ['Họ tên'] },
	{ key: 'username', header: 'Tên đăng nhập', required: false },
	{ key: 'phone', header: 'Số điện thoại', required: true, aliases: ['Điện thoại', 'SĐT'] },
	{ key: 'email', header: 'Email', required: false, aliases: ['Thư điện tử'] },
	{ key: 'birthYear', header: 'Năm sinh', required: false },
	{ key: 'unitCode', header: 'Mã đơn vị', required: true },
	{ key: 'joinedOn', header: 'Ngày vào', required: false, aliases: ['Ngày vào đoàn'] },
	{ key: 'role', header: 'Vai trò', required: false }
] as const satisfies readonly ColumnDef[];

export type TableKind = 'units' | 'people';
export type UnitKey = (typeof UNIT_COLUMNS)[number]['key'];
export type PeopleKey = (typeof PEOPLE_COLUMNS)[number]['key'];

/** Where a problem is: a row (and a column) of a table, or the table itself (line 1, its header). */
export interface ImportError {
	sheet: string | null;
	line: number;
	column: string | null;
	message: string;
}

export function importErrorText(e: ImportError): string {
	const rest = e.column
		? t('import.at', { line: e.line, column: e.column, message: e.message })
		: t('import.atRow', { line: e.line, message: e.message });
	if (!e.sheet) return rest;
	return t('import.inSheet', { sheet: e.sheet, rest: rest.charAt(0).toLowerCase() + rest.slice(1) });
}

const norm = (s: string) => toSearchText(s);

/** A table is people if it names people, units if it names units; its header decides, not the sheet's name. */
export function classify(table: RawTable): TableKind | null {
	const names = new Set(table.header.map((c) => (typeof c === 'string' ? norm(c) : '')));
	const hits = (defs: readonly ColumnDef[], key: string) => {
		const d = defs.find((x) => x.key === key)!;
		return [d.header, ...(d.aliases ?? [])].some((h) => names.has(norm(h)));
	};
	if (hits(PEOPLE_COLUMNS, 'fullName')) return 'people';
	if (hits(UNIT_COLUMNS, 'name')) return 'units';
	return null;
}

export type ColumnMap<K extends string> = { ok: true; index: Partial<Record<K, number>> } | { ok: false; errors: ImportError[] };

/** Which cell holds which field; every missing, unknown, duplicated or untitled column is named. */
export function mapColumns<K extends string>(table: RawTable, defs: readonly ColumnDef<K>[]): ColumnMap<K> {
	const index: Partial<Record<K, number>> = {};
	const errors: ImportError[] = [];
	const err = (message: string) => errors.push({ sheet: table.sheet, line: 1, column: null, message });
	const unknown: string[] = [];
	table.header.forEach((cell, i) => {
		const text = typeof cell === 'string' ? normaliseLine(cell) : `=${cell.formula}`;
		if (!text) {
			if (table.rows.some((r) => cellIsFilled(r.cells[i]))) err(t('import.untitledColumn', { index: i + 1 }));
			return;
		}
		const def = defs.find((d) => [d.header, ...(d.aliases ?? [])].some((h) => norm(h) === norm(text)));
		if (!def) return void unknown.push(`“${text.slice(0, 60)}”`);
		if (index[def.key] !== undefined) return void err(t('import.duplicateColumn', { column: def.header }));
		index[def.key] = i;
	});
	const missing = defs.filter((d) => d.required && index[d.key] === undefined).map((d) => `“${d.header}”`);
	if (missing.length) err(t('import.missingColumns', { columns: missing.join(', ') }));
	if (unknown.length)
		err(t('import.unknownColumns', { columns: unknown.slice(0, 10).join(', '), allowed: defs.map((d) => `“${d.header}”`).join(', ') }));
	return errors.length ? { ok: false, errors } : { ok: true, index };
}

function cellIsFilled(cell: RawCell | undefined): boolean {
	return cell !== undefined && (typeof cell !== 'string' || cell.trim() !== '');
}

export function rowIsBlank(cells: RawCell[]): boolean {
	return !cells.some(cellIsFilled);
}

/** Reads one row's cells by column, collecting the row's problems as it goes. */
export class RowReader<K extends string> {
	readonly errors: ImportError[] = [];
	constructor(
		private readonly table: RawTable,
		private readonly defs: readonly ColumnDef<K>[],
		private readonly index: Partial<Record<K, number>>,
		readonly line: number,
		private readonly cells: RawCell[]
	) {}

	header(key: K): string {
		return this.defs.find((d) => d.key === key)!.header;
	}

	fail(key: K | null, message: string): null {
		this.errors.push({ sheet: this.table.sheet, line: this.line, column: key ? this.header(key) : null, message });
		return null;
	}

	failKey(key: K, message: MessageKey, params: Record<string, string | number> = {}): null {
		return this.fail(key, t(message, params));
	}

	/**
	 * The cell as one line of NFC text ('' when empty or absent); null after recording a refusal. A cell that
	 * starts with "=" is a formula whatever the file format (CSV has no other way to say it) and is refused.
	 */
	text(key: K, options: { required?: boolean; max?: number } = {}): string | null {
		const i = this.index[key];
		const cell = i === undefined ? '' : (this.cells[i] ?? '');
		if (typeof cell !== 'string') return this.failKey(key, 'import.formula');
		let value = normaliseLine(cell.replace(/\p{Cc}/gu, ' '));
		// "'+84…" is how spreadsheet programs (and our own CSV exports) keep text from being read as a formula.
		if (/^'[+\-@]/.test(value)) value = value.slice(1);
		if (value.startsWith('=')) return this.failKey(key, 'import.formula');
		if (!value && options.required) return this.failKey(key, 'import.required');
		if (options.max && value.length > options.max) return this.failKey(key, 'import.tooLong', { max: options.max });
		return value;
	}
}

/** Text shown back in a message: short, so a 10,000-character cell does not become a 10,000-character error. */
export function shown(value: string): string {
	return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
