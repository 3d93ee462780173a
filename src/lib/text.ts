/** Lower-case text without diacritics, so "dien bien" matches "Điện Biên" and "ta ma" matches "Tà Ma". */
export function toSearchText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** NFC, trimmed, inner whitespace collapsed: what we store for names typed on any keyboard. */
export function normaliseLine(value: string): string {
	return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}
