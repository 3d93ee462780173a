import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import QRCode from 'qrcode';
import sharp from 'sharp';

/**
 * Share cards: the 1200×630 PNG a Zalo or Facebook post shows for a link (og:image). Text is drawn as outlines
 * from the Be Vietnam Pro font shipped in node_modules, so a server without Vietnamese fonts draws it the same.
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

type Weight = 400 | 700;
const require = createRequire(import.meta.url);
const loaded = new Map<Weight, opentype.Font[]>();

/** The font's subsets, tried in turn for each character (latin, then Vietnamese letters, then the rest). */
function fonts(weight: Weight): opentype.Font[] {
	let subsets = loaded.get(weight);
	if (!subsets) {
		subsets = ['latin', 'vietnamese', 'latin-ext'].map((subset) => {
			const file = readFileSync(require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff`));
			return opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
		});
		loaded.set(weight, subsets);
	}
	return subsets;
}

function glyphOf(ch: string, weight: Weight) {
	const subsets = fonts(weight);
	const font = subsets.find((f) => f.charToGlyphIndex(ch) > 0) ?? subsets[0]!;
	return { font, glyph: font.charToGlyph(ch) };
}

/** Characters no subset of the font draws (they would show as empty boxes). */
export function missingGlyphs(text: string, weight: Weight): string[] {
	return [...new Set(text)].filter((ch) => !/\s/.test(ch) && !fonts(weight).some((f) => f.charToGlyphIndex(ch) > 0));
}

function widthOf(text: string, size: number, weight: Weight): number {
	let width = 0;
	for (const ch of text) {
		const { font, glyph } = glyphOf(ch, weight);
		width += ((glyph.advanceWidth ?? 0) * size) / font.unitsPerEm;
	}
	return width;
}

/** One line of text as an SVG path, its baseline at (x, y). */
function line(text: string, x: number, y: number, size: number, weight: Weight, fill: string): string {
	let cursor = x;
	let d = '';
	for (const ch of text) {
		const { font, glyph } = glyphOf(ch, weight);
		d += glyph.getPath(cursor, y, size).toPathData(1);
		cursor += ((glyph.advanceWidth ?? 0) * size) / font.unitsPerEm;
	}
	return `<path fill="${fill}" d="${d}"/>`;
}

/** Words laid into at most `lines` lines of `width`; the last one cut with "…" when the text is longer. */
export function wrap(text: string, width: number, size: number, weight: Weight, lines: number): string[] {
	const out: string[] = [];
	let current = '';
	for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
		const next = current ? `${current} ${word}` : word;
		if (widthOf(next, size, weight) <= width || !current) current = next;
		else {
			out.push(current);
			current = word;
		}
	}
	if (current) out.push(current);
	if (out.length <= lines) return out.map((text) => fit(text, width, size, weight));
	const kept = out.slice(0, lines);
	kept[lines - 1] = fit(`${kept[lines - 1]}…`, width, size, weight);
	return kept;
}

/** The text cut with "…" where it would run past `width` (one long word, an address). */
function fit(text: string, width: number, size: number, weight: Weight): string {
	let shown = text;
	while (widthOf(shown, size, weight) > width && shown.length > 2) shown = `${shown.replace(/…$/, '').slice(0, -1)}…`;
	return shown;
}

export interface CardText {
	/** A small line at the top: who gives it. */
	kicker: string;
	/** The big word: "BẰNG KHEN", a badge's name. */
	title: string;
	/** Who received it. */
	name: string;
	/** What and when. */
	detail: string;
	/** Where it is verified (printed, and in the QR code). */
	url: string;
	/** A red stamp across the card (a revoked award). */
	stamp?: string;
}

export async function shareCard(card: CardText): Promise<Buffer> {
	const left = 72;
	const textWidth = CARD_WIDTH - left - 300;
	const parts: string[] = [];
	let y = 110;
	for (const text of wrap(card.kicker.toLocaleUpperCase('vi'), textWidth, 28, 700, 1)) parts.push(line(text, left, y, 28, 700, '#f5c542'));
	y += 96;
	for (const text of wrap(card.title, textWidth, 72, 700, 1)) parts.push(line(text, left, y, 72, 700, '#ffffff'));
	y += 86;
	for (const text of wrap(card.name, textWidth, 52, 700, 2)) {
		parts.push(line(text, left, y, 52, 700, '#ffffff'));
		y += 64;
	}
	y += 8;
	for (const text of wrap(card.detail, textWidth, 28, 400, 3)) {
		parts.push(line(text, left, y, 28, 400, '#dbe6ff'));
		y += 40;
	}
	parts.push(line(fit(card.url.replace(/^https?:\/\//, ''), textWidth, 22, 400), left, CARD_HEIGHT - 56, 22, 400, '#dbe6ff'));
	const qr = await QRCode.toString(card.url, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2,
		color: { dark: '#0b2a66', light: '#ffffff' }
	});
	const qrInner = qr.replace(/^[\s\S]*?<svg[^>]*viewBox="([^"]+)"[^>]*>/, '<svg x="900" y="330" width="240" height="240" viewBox="$1">');
	const stamp = card.stamp
		? `<g transform="rotate(-12 600 315)"><rect x="250" y="255" width="700" height="120" fill="#ffffff" fill-opacity="0.9" stroke="#b30000" stroke-width="10"/>${line(
				card.stamp,
				600 - widthOf(card.stamp, 64, 700) / 2,
				340,
				64,
				700,
				'#b30000'
			)}</g>`
		: '';
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b3d91"/><stop offset="1" stop-color="#1e56b8"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#bg)"/><rect width="100%" height="14" fill="#f5c542"/>
<rect x="${CARD_WIDTH - 36}" y="14" width="36" height="${CARD_HEIGHT - 14}" fill="#c0392b"/>
${parts.join('')}${qrInner}${stamp}</svg>`;
	return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** The card as an og:image answer: crawlers fetch it again and again, and it changes rarely. */
export async function shareCardResponse(card: CardText): Promise<Response> {
	return new Response(new Uint8Array(await shareCard(card)), {
		headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=600' }
	});
}
