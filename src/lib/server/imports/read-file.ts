import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { t } from '../../i18n';
import { IMPORT_MAX_ROWS, type RawCell, type RawTable } from '../../domain/imports/table';
import { parseCsv } from './csv';

export type ReadResult = { ok: true; tables: RawTable[]; format: 'xlsx' | 'csv' } | { ok: false; error: string };

/** What an .xlsx may unpack to: a 50,000-row sheet is 15-25 MB of XML; a "zip bomb" of 10 MB would be gigabytes. */
const XLSX_MAX_UNPACKED = 80 * 1024 * 1024;
/** Row elements a workbook may hold before it is parsed at all (blank formatted rows count too, hence the slack). */
const XLSX_MAX_ROW_ELEMENTS = 2 * IMPORT_MAX_ROWS;

const tooManyRows = () => ({ ok: false as const, error: t('import.tooManyRows', { max: IMPORT_MAX_ROWS.toLocaleString('vi-VN') }) });

/**
 * The file's bytes decide what it is, not its name: "PK\3\4" is a workbook, the OLE signature an old .xls
 * (refused with advice), anything else must be UTF-8 text. A file named .xlsx that is not a zip is refused.
 */
export async function readImportFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return readXlsx(buf);
	if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
		return { ok: false, error: t('import.oldXls') };
	if (/\.xlsx$/i.test(fileName)) return { ok: false, error: t('import.notXlsx') };
	if (buf.includes(0)) return { ok: false, error: t('import.binary') };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
	} catch {
		return { ok: false, error: t('import.notUtf8') };
	}
	const parsed = parseCsv(text, IMPORT_MAX_ROWS);
	if (!parsed.ok) return parsed.reason === 'rows' ? tooManyRows() : { ok: false, error: t('import.unbalancedQuotes') };
	return {
		ok: true,
		format: 'csv',
		tables: [{ sheet: null, header: parsed.records[0] ?? [], rows: parsed.records.slice(1).map((cells, i) => ({ line: i + 2, cells })) }]
	};
}

interface ZipCheck {
	ok: boolean;
	error?: string;
}

/**
 * Walks the zip's central directory — the same index the workbook parser (JSZip) reads — and inflates every
 * entry under a running budget, so a compression bomb is stopped at XLSX_MAX_UNPACKED bytes whatever the
 * sizes it declares; rows are counted in the sheets' XML before the workbook is built in memory.
 */
function checkZip(buf: Buffer): ZipCheck {
	const bad = (detail: string) => ({ ok: false, error: t('import.unreadableXlsx', { detail }) });
	const from = Math.max(0, buf.length - 65_557);
	let eocd = -1;
	for (let i = buf.length - 22; i >= from; i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return bad('không có mục lục zip');
	const entries = buf.readUInt16LE(eocd + 10);
	let at = buf.readUInt32LE(eocd + 16);
	let budget = XLSX_MAX_UNPACKED;
	let rowElements = 0;
	for (let n = 0; n < entries; n++) {
		if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return bad('mục lục zip hỏng');
		const method = buf.readUInt16LE(at + 10);
		const compressed = buf.readUInt32LE(at + 20);
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		const local = buf.readUInt32LE(at + 42);
		const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		if (compressed === 0xffffffff || local === 0xffffffff) return bad('zip64 không được hỗ trợ');
		if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return bad('mục zip hỏng');
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		if (start + compressed > buf.length) return bad('mục zip hỏng');
		const data = buf.subarray(start, start + compressed);
		let content: Buffer;
		if (method === 0) content = data;
		else if (method === 8) {
			try {
				content = inflateRawSync(data, { maxOutputLength: budget + 1 });
			} catch (e) {
				if (e instanceof RangeError) return { ok: false, error: t('import.tooLarge', { mb: XLSX_MAX_UNPACKED / 1024 / 1024 }) };
				return bad('dữ liệu nén hỏng');
			}
		} else return bad('kiểu nén lạ');
		budget -= content.length;
		if (budget < 0) return { ok: false, error: t('import.tooLarge', { mb: XLSX_MAX_UNPACKED / 1024 / 1024 }) };
		if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
			rowElements += content.toString('latin1').split('<row').length - 1;
			if (rowElements > XLSX_MAX_ROW_ELEMENTS) return tooManyRows();
		}
	}
	return { ok: true };
}

async function readXlsx(buf: Buffer): Promise<ReadResult> {
	const check = checkZip(buf);
	if (!check.ok) return { ok: false, error: check.error! };
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
	} catch {
		return { ok: false, error: t('import.unreadableXlsx', { detail: 'tệp hỏng hoặc không phải bảng tính' }) };
	}
	const tables: RawTable[] = [];
	let dataRows = 0;
	for (const sheet of workbook.worksheets) {
		let header: RawCell[] | null = null;
		const rows: RawTable['rows'] = [];
		sheet.eachRow({ includeEmpty: false }, (row, line) => {
			const cells: RawCell[] = [];
			row.eachCell({ includeEmpty: true }, (cell, col) => {
				cells[col - 1] = cellOf(cell.value);
			});
			for (let i = 0; i < cells.length; i++) cells[i] ??= '';
			if (header === null) header = cells;
			else rows.push({ line, cells });
		});
		dataRows += rows.length;
		if (dataRows > IMPORT_MAX_ROWS) return tooManyRows();
		if (header) tables.push({ sheet: sheet.name, header, rows });
	}
	return { ok: true, format: 'xlsx', tables };
}

/** Cells as text. Formulas stay formulas (refused later, never evaluated nor replaced by their cached result). */
function cellOf(value: ExcelJS.CellValue): RawCell {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) {
		// Workbook dates carry no zone: exceljs reads them as UTC midnight.
		return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	}
	if ('formula' in value || 'sharedFormula' in value) return { formula: String('formula' in value ? value.formula : value.sharedFormula) };
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
	if ('error' in value) return String(value.error);
	return '';
}
