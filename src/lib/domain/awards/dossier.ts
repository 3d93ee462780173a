/**
 * A proposal's dossier is one PDF: known by its bytes (a "%PDF-" header and an "%%EOF" trailer), never by its
 * name or the type the browser claims, and at most 10 MB — a scanned dossier of a few pages.
 */
export const DOSSIER_MAX_BYTES = 10 * 1024 * 1024;

const HEADER = Buffer.from('%PDF-');
const TRAILER = Buffer.from('%%EOF');

export function isPdf(bytes: Uint8Array): boolean {
	const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return data.length > HEADER.length && data.subarray(0, HEADER.length).equals(HEADER) && data.subarray(-1024).includes(TRAILER);
}

/** The name shown and given back on download: no folders, no control or markup characters, ending in .pdf only. */
export function dossierFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const clean = base
		.normalize('NFC')
		.replace(/[\u0000-\u001f\u007f<>"'`]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		// Whatever extension it came with (a PDF saved as .jpg is still a PDF), not a version number like "v1.2".
		.replace(/\.[a-z][a-z0-9]{1,3}$/i, '')
		.slice(0, 100);
	return `${clean || 'ho-so'}.pdf`;
}
