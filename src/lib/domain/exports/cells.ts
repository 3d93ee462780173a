/**
 * Text a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "-1", "@SUM", or after a tab or CR)
 * gets a leading apostrophe, as OWASP's CSV-injection advice says: a story typed by anyone must never
 * execute on the office's computer. Numbers stay numbers.
 */
export function neutralised(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type Cell = string | number | null;

/** A CSV cell safe to open in a spreadsheet program: text neutralised, every field quoted. */
export function csvField(value: Cell): string {
	const text = value === null ? '' : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutralised(value);
	return `"${text.replace(/"/g, '""')}"`;
}

/** UTF-8 with a BOM (so Excel reads the diacritics) and CRLF line ends. */
export function toCsv(rows: Cell[][]): string {
	return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
