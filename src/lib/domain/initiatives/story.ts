/**
 * Initiative stories: plain text with a tiny markup, parsed into a tree the UI renders through
 * ordinary text interpolation. Nothing here ever produces HTML, so there is nothing to sanitise later.
 *
 * Markup:
 * - Paragraphs are separated by one or more blank lines; a single newline is a line break.
 * - `*emphasis*` and `**emphasis**` both render as emphasis: people used to chat apps or Markdown type
 *   either, and a second level of emphasis would only add a way to shout. Runs of three or more
 *   asterisks are literal (dividers like `***`). Emphasis never spans a line break, so a stray `*`
 *   only ever affects its own line.
 * - Links: bare `http(s)://…` URLs and `[text](http(s)://…)`. Any other scheme stays plain text.
 *
 * Every scan below is a single forward pass (or bounded by the next `[`), because stories come from
 * the public and a backtracking regex over the whole text is a denial-of-service waiting to happen.
 */

export type Inline =
	{ kind: 'text'; text: string } | { kind: 'em'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'br' };
export type Block = { kind: 'paragraph'; inlines: Inline[] };

/** Longer URLs are almost always pasted tracking junk or an attack; they stay plain text. */
const MAX_URL_LENGTH = 2000;

// C0/C1 controls other than \n and \t, plus bidi embeddings/overrides/isolates and the BOM: none of them
// is needed to write Vietnamese, and bidi controls can make a link's visible text lie about its target.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const WHITESPACE = /\s/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Characters that cannot appear in a URL a person typed, so they end it (Markdown-style autolinks agree). */
const URL_STOP = new Set(['<', '>', '"', '`']);
/** Sentence punctuation that follows a URL far more often than it ends one. */
const URL_TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', "'", '”', '’', '»', '…']);
/** Punctuation that would sit awkwardly right before the ellipsis of a cut excerpt. */
const EXCERPT_TRAILING = new Set(['.', ',', ';', ':', '!', '?', '…', '-', '–', '—']);

export function normaliseStory(raw: string): string {
	const cleaned = raw
		.replace(/\r\n?/g, '\n')
		// Some phone keyboards and pasted documents use the Unicode separators instead of newlines.
		.replace(/\u2028/g, '\n')
		.replace(/\u2029/g, '\n\n')
		.replace(INVISIBLE, '')
		// After stripping, so a control character between a letter and its tone mark cannot block composition.
		.normalize('NFC');
	const lines: string[] = [];
	for (const line of cleaned.split('\n')) {
		// trimEnd rather than /[ \t]+$/m: that regex is quadratic on long runs of spaces.
		const trimmed = line.trimEnd();
		if (trimmed === '' && (lines.length === 0 || lines[lines.length - 1] === '')) continue;
		lines.push(trimmed);
	}
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines.join('\n');
}

export function parseStory(text: string): Block[] {
	// Normalising again is cheap and idempotent, and means callers cannot forget it.
	const blocks: Block[] = [];
	let inlines: Inline[] = [];
	for (const line of normaliseStory(text).split('\n')) {
		if (line === '') {
			if (inlines.length > 0) blocks.push({ kind: 'paragraph', inlines });
			inlines = [];
			continue;
		}
		if (inlines.length > 0) inlines.push({ kind: 'br' });
		for (const inline of parseLine(line)) inlines.push(inline);
	}
	if (inlines.length > 0) blocks.push({ kind: 'paragraph', inlines });
	return blocks.map((block) => ({ kind: 'paragraph', inlines: mergeText(block.inlines) }));
}

/** Plain text for previews, search and socket payloads: markup removed, whitespace collapsed, cut at `max` chars on a word boundary with "…". */
export function storyExcerpt(text: string, max: number): string {
	const parts: string[] = [];
	for (const block of parseStory(text)) {
		for (const inline of block.inlines) parts.push(inline.kind === 'br' ? ' ' : inline.text);
		parts.push(' ');
	}
	const plain = parts.join('').replace(/\s+/g, ' ').trim();
	if (plain.length <= max) return plain;
	if (max < 1) return '';
	// The ellipsis counts towards `max`, so callers can size columns and payloads by it.
	let cut = max - 1;
	if (!WHITESPACE.test(plain[cut] ?? '')) {
		const space = plain.lastIndexOf(' ', cut);
		// A single word longer than the limit (a URL, usually) is cut mid-word rather than dropped.
		if (space > 0) cut = space;
		else if (isLowSurrogate(plain.charCodeAt(cut))) cut--;
	}
	let head = plain.slice(0, cut).trimEnd();
	while (head.length > 0 && EXCERPT_TRAILING.has(head[head.length - 1]!)) head = head.slice(0, -1);
	return `${head.trimEnd()}…`;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

type Piece = { kind: 'markup'; text: string } | { kind: 'literal'; text: string } | { kind: 'link'; text: string; href: string };

/** One line: links first (so a `*` inside a URL is never emphasis), then emphasis in the text between them. */
function parseLine(line: string): Inline[] {
	const pieces: Piece[] = [];
	let textStart = 0;
	let i = 0;
	const flush = (end: number) => {
		if (end > textStart) pieces.push({ kind: 'markup', text: line.slice(textStart, end) });
	};
	while (i < line.length) {
		const ch = line[i];
		if (ch === '[') {
			const found = scanBracketLink(line, i);
			if (found) {
				flush(i);
				pieces.push(found.piece);
				i = textStart = found.end;
				continue;
			}
		} else if ((ch === 'h' || ch === 'H') && startsWithHttp(line, i) && !LETTER_OR_DIGIT.test(line[i - 1] ?? '')) {
			const found = scanBareUrl(line, i);
			flush(i);
			pieces.push(found.piece);
			i = textStart = found.end;
			continue;
		}
		i++;
	}
	flush(line.length);

	const inlines: Inline[] = [];
	for (const piece of pieces) {
		// A loop, not push(...spread): a line with 100k emphasis spans would overflow the call stack.
		if (piece.kind === 'markup') for (const inline of parseEmphasis(piece.text)) inlines.push(inline);
		else if (piece.kind === 'literal') inlines.push({ kind: 'text', text: piece.text });
		else inlines.push(piece);
	}
	return inlines;
}

function startsWithHttp(line: string, at: number): boolean {
	const head = line.slice(at, at + 8).toLowerCase();
	return head.startsWith('http://') || head === 'https://';
}

/** The href for a URL the member typed, or null when it must stay text. */
function safeHref(url: string): string | null {
	if (url.length > MAX_URL_LENGTH || !startsWithHttp(url, 0)) return null;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
	// `https://bank.vn@evil.example` reads as the bank but goes elsewhere; real stories never need credentials.
	if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
	// The serialised form percent-encodes quotes, spaces and non-ASCII, so the attribute is always well-formed.
	return parsed.href;
}

/**
 * `[text](url)` starting at `start`. Link text stops at the next `[` or `]` and the URL at the next `[`,
 * `]` or whitespace, so every `[` scans only up to the next one: linear even for `[[[[…` or `[a]([a](…`.
 * A well-formed link with an unsafe target is kept whole as literal text rather than half-parsed.
 */
function scanBracketLink(line: string, start: number): { piece: Piece; end: number } | null {
	let i = start + 1;
	while (i < line.length && line[i] !== '[' && line[i] !== ']') i++;
	if (line[i] !== ']' || line[i + 1] !== '(') return null;
	const label = line.slice(start + 1, i);
	const urlStart = i + 2;
	let depth = 0;
	let j = urlStart;
	for (; j < line.length && j - urlStart <= MAX_URL_LENGTH; j++) {
		const c = line[j]!;
		// Balanced parentheses belong to the URL (Wikipedia titles); the first unbalanced one closes the link.
		if (c === '(') depth++;
		else if (c === ')') {
			if (depth === 0) break;
			depth--;
		} else if (c === '[' || c === ']' || URL_STOP.has(c) || WHITESPACE.test(c)) return null;
	}
	if (line[j] !== ')') return null;
	const url = line.slice(urlStart, j);
	const end = j + 1;
	const href = safeHref(url);
	if (href === null) return { piece: { kind: 'literal', text: line.slice(start, end) }, end };
	const text = label.trim() === '' ? url : label;
	return { piece: { kind: 'link', text, href }, end };
}

/** A bare URL at `start` (already known to begin with http:// or https://). */
function scanBareUrl(line: string, start: number): { piece: Piece; end: number } {
	let end = start;
	let open = 0;
	let close = 0;
	while (end < line.length) {
		const c = line[end]!;
		if (URL_STOP.has(c) || WHITESPACE.test(c)) break;
		if (c === '(') open++;
		else if (c === ')') close++;
		end++;
	}
	// Trim sentence punctuation and a ")" that closes a parenthesis opened before the URL.
	let urlEnd = end;
	while (urlEnd > start) {
		const last = line[urlEnd - 1]!;
		if (URL_TRAILING.has(last)) urlEnd--;
		else if (last === ')' && close > open) {
			urlEnd--;
			close--;
		} else break;
	}
	const url = line.slice(start, urlEnd);
	const href = safeHref(url);
	// An over-long or unparseable URL is swallowed whole as text, so its tail is not re-read as markup.
	if (href === null) return { piece: { kind: 'literal', text: line.slice(start, end) }, end };
	return { piece: { kind: 'link', text: url, href }, end: urlEnd };
}

/**
 * Pairs delimiter runs of one or two asterisks left to right, remembering only the latest opener:
 * a single pass, so 100k asterisks cost no more than 100k letters.
 */
function parseEmphasis(text: string): Inline[] {
	const out: Inline[] = [];
	let textStart = 0;
	let opener: { at: number; length: number } | null = null;
	let i = 0;
	while (i < text.length) {
		if (text[i] !== '*') {
			i++;
			continue;
		}
		let j = i;
		while (j < text.length && text[j] === '*') j++;
		const length = j - i;
		if (length <= 2) {
			const before = text[i - 1];
			const after = text[j];
			const canClose = before !== undefined && !WHITESPACE.test(before);
			const canOpen = after !== undefined && !WHITESPACE.test(after);
			if (opener && canClose && opener.length === length) {
				if (opener.at > textStart) out.push({ kind: 'text', text: text.slice(textStart, opener.at) });
				out.push({ kind: 'em', text: text.slice(opener.at + opener.length, i) });
				textStart = j;
				opener = null;
			} else if (canOpen) {
				opener = { at: i, length };
			}
		}
		i = j;
	}
	if (text.length > textStart) out.push({ kind: 'text', text: text.slice(textStart) });
	return out;
}

function mergeText(inlines: Inline[]): Inline[] {
	const out: Inline[] = [];
	for (const inline of inlines) {
		const last = out[out.length - 1];
		if (inline.kind === 'text' && last?.kind === 'text') last.text += inline.text;
		else if (inline.kind !== 'text' || inline.text !== '') out.push(inline.kind === 'text' ? { ...inline } : inline);
	}
	return out;
}
