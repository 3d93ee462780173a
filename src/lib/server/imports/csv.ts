export type CsvParse = { ok: true; records: string[][] } | { ok: false; reason: 'quotes' | 'rows' };

/**
 * RFC 4180 with what Vietnamese offices actually save: a UTF-8 BOM or none, "," or ";" (Excel with a
 * Vietnamese locale) or tab between fields, CRLF or LF, quoted fields with doubled quotes and line breaks.
 * The separator is the one the header line uses most. Stops once more than `maxRows` data records are read.
 */
export function parseCsv(input: string, maxRows: number): CsvParse {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const separator = detectSeparator(text);
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let i = 0;
	let dataRows = 0;
	const endRecord = () => {
		record.push(field);
		field = '';
		const blank = record.every((f) => f.trim() === '');
		if (records.length > 0 && !blank) dataRows++;
		// Blank lines keep their place so line numbers match the file; trailing ones are dropped below.
		records.push(blank ? [] : record);
		record = [];
	};
	while (i < text.length) {
		const c = text[i]!;
		if (c === '"' && field === '') {
			let j = i + 1;
			let value = '';
			for (;;) {
				const q = text.indexOf('"', j);
				if (q < 0) return { ok: false, reason: 'quotes' };
				value += text.slice(j, q);
				if (text[q + 1] === '"') {
					value += '"';
					j = q + 2;
				} else {
					j = q + 1;
					break;
				}
			}
			field = value;
			i = j;
			// Anything between the closing quote and the separator is kept, as spreadsheet programs do.
			while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
			continue;
		}
		if (c === separator) {
			record.push(field);
			field = '';
			i++;
		} else if (c === '\n' || c === '\r') {
			endRecord();
			if (dataRows > maxRows) return { ok: false, reason: 'rows' };
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			const next = nextStop(text, i, separator);
			field += text.slice(i, next);
			i = next;
		}
	}
	if (field !== '' || record.length > 0) endRecord();
	if (dataRows > maxRows) return { ok: false, reason: 'rows' };
	while (records.length > 0 && records.at(-1)!.length === 0) records.pop();
	return { ok: true, records };
}

function nextStop(text: string, from: number, separator: string): number {
	for (let i = from; i < text.length; i++) {
		const c = text[i];
		if (c === separator || c === '\n' || c === '\r') return i;
	}
	return text.length;
}

function detectSeparator(text: string): string {
	const end = text.search(/\r|\n/);
	const header = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
	const counts = [',', ';', '\t'].map((s) => [s, header.split(s).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0]![1] > 0 ? counts[0]![0] : ',';
}
