import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_STORIES } from './story-adversarial';
import { normaliseStory, parseStory, storyExcerpt, type Block, type Inline } from './story';

const text = (t: string): Inline => ({ kind: 'text', text: t });
const em = (t: string): Inline => ({ kind: 'em', text: t });
const link = (t: string, href: string): Inline => ({ kind: 'link', text: t, href });
const br: Inline = { kind: 'br' };
const p = (...inlines: Inline[]): Block => ({ kind: 'paragraph', inlines });

/** The inlines of a single-paragraph story. */
function inlinesOf(story: string): Inline[] {
	const blocks = parseStory(story);
	expect(blocks).toHaveLength(1);
	return blocks[0]!.inlines;
}

function allInlines(blocks: Block[]): Inline[] {
	return blocks.flatMap((b) => b.inlines);
}

describe('normaliseStory', () => {
	it.each([
		['CRLF and lone CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
		['control characters are stripped', 'a\u0000b\u0007c\u001bd\u007fe\u0085f', 'abcdef'],
		['tabs and newlines survive', 'a\tb\nc', 'a\tb\nc'],
		['bidi overrides and BOM are stripped', '\uFEFFa\u202Eb\u2066c\u2069', 'abc'],
		['three or more blank lines collapse to one', 'a\n\n\n\n\nb', 'a\n\nb'],
		['whitespace-only lines count as blank', 'a\n  \n\t\n \nb', 'a\n\nb'],
		['trailing spaces on a line go', 'a   \nb\t', 'a\nb'],
		['leading and trailing blank lines go', '\n\n  \na\n\n\n', 'a'],
		['Unicode separators become newlines', 'a\u2028b\u2029c', 'a\nb\n\nc'],
		['NFD becomes NFC', 'Vie\u0302\u0323t Nam', 'Việt Nam'],
		['a control character between letter and tone mark does not block NFC', 'e\u0000\u0302', 'ê'],
		['empty stays empty', '', '']
	])('%s', (_label, raw, expected) => {
		expect(normaliseStory(raw)).toBe(expected);
	});

	it('is idempotent', () => {
		const raw = '\r\n Xin chào\u0000  \r\n\r\n\r\n\r\nDo\u0302\u0300i  \n';
		expect(normaliseStory(normaliseStory(raw))).toBe(normaliseStory(raw));
	});
});

describe('parseStory: paragraphs and line breaks', () => {
	it.each<[string, string, Block[]]>([
		['one line', 'Xin chào', [p(text('Xin chào'))]],
		['a single newline is a line break', 'dòng một\ndòng hai', [p(text('dòng một'), br, text('dòng hai'))]],
		['a blank line separates paragraphs', 'một\n\nhai', [p(text('một')), p(text('hai'))]],
		['several blank lines are still one separator', 'một\n\n\n\n\nhai', [p(text('một')), p(text('hai'))]],
		['a whitespace-only line separates paragraphs', 'một\n   \nhai', [p(text('một')), p(text('hai'))]],
		['CRLF text', 'a\r\nb\r\n\r\nc', [p(text('a'), br, text('b')), p(text('c'))]],
		['empty input has no blocks', '', []],
		['blank input has no blocks', '\n\n  \n', []]
	])('%s', (_label, story, expected) => {
		expect(parseStory(story)).toEqual(expected);
	});
});

describe('parseStory: emphasis', () => {
	it.each<[string, string, Inline[]]>([
		['single asterisks', 'rất *quan trọng* đấy', [text('rất '), em('quan trọng'), text(' đấy')]],
		['double asterisks are emphasis too', 'rất **quan trọng** đấy', [text('rất '), em('quan trọng'), text(' đấy')]],
		['two spans on a line', '*a* và *b*', [em('a'), text(' và '), em('b')]],
		['inside a word', 'un*frigging*believable', [text('un'), em('frigging'), text('believable')]],
		['next to punctuation', '(*ghi chú*).', [text('('), em('ghi chú'), text(').')]],
		['an unclosed asterisk is literal', 'giá *5 nghìn', [text('giá *5 nghìn')]],
		['a lone asterisk between spaces is literal', '3 * 4 = 12', [text('3 * 4 = 12')]],
		['an opener must touch text', '* không phải *', [text('* không phải *')]],
		['three or more asterisks are literal', '***', [text('***')]],
		['a triple run does not open emphasis', '***a***', [text('***a***')]],
		['mismatched run lengths do not pair', '*a**', [text('*a**')]],
		['the latest opener wins', '*a *b* c*', [text('*a '), em('b'), text(' c*')]],
		['empty emphasis is literal', '** **', [text('** **')]],
		['emphasis does not cross a line break', '*một\nhai*', [text('*một'), br, text('hai*')]]
	])('%s', (_label, story, expected) => {
		expect(inlinesOf(story)).toEqual(expected);
	});

	it('does not cross paragraphs', () => {
		expect(parseStory('*một\n\nhai*')).toEqual([p(text('*một')), p(text('hai*'))]);
	});
});

describe('parseStory: links', () => {
	it.each<[string, string, Inline[]]>([
		[
			'a bare https URL',
			'Xem https://doanthanhnien.vn nhé',
			[text('Xem '), link('https://doanthanhnien.vn', 'https://doanthanhnien.vn/'), text(' nhé')]
		],
		['a bare http URL', 'http://example.com/a?b=c#d', [link('http://example.com/a?b=c#d', 'http://example.com/a?b=c#d')]],
		['a bare URL with an upper-case scheme', 'HTTPS://Example.com/X', [link('HTTPS://Example.com/X', 'https://example.com/X')]],
		[
			'trailing sentence punctuation is not part of it',
			'Xem https://a.vn/x.',
			[text('Xem '), link('https://a.vn/x', 'https://a.vn/x'), text('.')]
		],
		['several trailing marks', 'https://a.vn/x?!;:,', [link('https://a.vn/x', 'https://a.vn/x'), text('?!;:,')]],
		[
			'an unbalanced closing parenthesis is not part of it',
			'(xem https://a.vn/x)',
			[text('(xem '), link('https://a.vn/x', 'https://a.vn/x'), text(')')]
		],
		[
			'balanced parentheses are part of it',
			'https://vi.wikipedia.org/wiki/Điện_Biên_(tỉnh).',
			[
				link('https://vi.wikipedia.org/wiki/Điện_Biên_(tỉnh)', 'https://vi.wikipedia.org/wiki/%C4%90i%E1%BB%87n_Bi%C3%AAn_(t%E1%BB%89nh)'),
				text('.')
			]
		],
		['a URL ends at a quote or angle bracket', '<https://a.vn/x>', [text('<'), link('https://a.vn/x', 'https://a.vn/x'), text('>')]],
		['asterisks inside a URL are not emphasis', 'https://a.vn/*x*/y', [link('https://a.vn/*x*/y', 'https://a.vn/*x*/y')]],
		['a URL inside emphasis markers', '*https://a.vn*', [text('*'), link('https://a.vn', 'https://a.vn/'), text('*')]],
		['a URL glued to a word is not a link', 'xhttps://a.vn', [text('xhttps://a.vn')]],
		['a scheme with no host is text', 'https:// và http://', [text('https:// và http://')]],
		['a bracketed link', 'Đọc [bài báo](https://a.vn/bai) nhé', [text('Đọc '), link('bài báo', 'https://a.vn/bai'), text(' nhé')]],
		['a bracketed link with parentheses in the URL', '[wiki](https://a.vn/x_(y))', [link('wiki', 'https://a.vn/x_(y)')]],
		['a bracketed link with empty text shows its URL', '[](https://a.vn)', [link('https://a.vn', 'https://a.vn/')]],
		['a bracketed link then emphasis', '[a](https://a.vn) *b*', [link('a', 'https://a.vn/'), text(' '), em('b')]],
		['link text is plain text', '[*a*](https://a.vn)', [link('*a*', 'https://a.vn/')]],
		[
			'a bracket with a space before the URL is text',
			'[a] (https://a.vn)',
			[text('[a] ('), link('https://a.vn', 'https://a.vn/'), text(')')]
		],
		['credentials in a URL keep it plain text', 'https://nganhang.vn@evil.example/', [text('https://nganhang.vn@evil.example/')]],
		[
			'a quote ends the URL even inside brackets',
			'[x](https://a.vn/"onmouseover="alert(1))',
			[text('[x]('), link('https://a.vn/', 'https://a.vn/'), text('"onmouseover="alert(1))')]
		]
	])('%s', (_label, story, expected) => {
		expect(inlinesOf(story)).toEqual(expected);
	});

	it('caps URL length at 2000 characters', () => {
		const ok = `https://a.vn/${'x'.repeat(2000 - 13)}`;
		const long = `${ok}x`;
		expect(ok).toHaveLength(2000);
		expect(inlinesOf(ok)).toEqual([link(ok, ok)]);
		expect(inlinesOf(long)).toEqual([text(long)]);
		expect(inlinesOf(`[a](${ok})`)).toEqual([link('a', ok)]);
		expect(allInlines(parseStory(`[a](${long})`)).some((i) => i.kind === 'link')).toBe(false);
	});

	it('keeps the tail of an over-long URL from being read as markup', () => {
		const long = `https://a.vn/${'x'.repeat(2000)}*b*`;
		expect(inlinesOf(long)).toEqual([text(long)]);
	});
});

describe('parseStory: hostile input stays text', () => {
	const corpus = [
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'"><svg onload=alert(1)>',
		'javascript:alert(1)',
		'[x](javascript:alert(1))',
		'[x](JaVaScRiPt:alert(1))',
		'[x](data:text/html,<script>alert(1)</script>)',
		'[x](//evil.example)',
		'[x](vbscript:msgbox(1))',
		'[x]( javascript:alert(1))',
		'[x](java\u0000script:alert(1))',
		'[x](\tjavascript:alert(1))',
		'[x](ftp://example.com)',
		'&lt;script&gt;alert(1)&lt;/script&gt;',
		'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
		'//evil.example',
		'[x](https:javascript:alert(1))'
	];

	it.each(corpus)('%s', (attack) => {
		const blocks = parseStory(attack);
		const inlines = allInlines(blocks);
		for (const inline of inlines) {
			expect(['text', 'em', 'link', 'br']).toContain(inline.kind);
			if (inline.kind === 'link') expect(inline.href).toMatch(/^https?:\/\//);
		}
		expect(inlines.some((i) => i.kind === 'link')).toBe(false);
		// Nothing is dropped or rewritten: the attack is shown to the reader exactly as typed.
		expect(inlines.map((i) => (i.kind === 'br' ? '\n' : i.text)).join('')).toBe(normaliseStory(attack));
	});

	it('never yields a non-http(s) href even when a safe URL hides inside an unsafe link', () => {
		const inlines = allInlines(parseStory('[x](javascript:https://a.vn) [y](data:https://b.vn)'));
		// Asserted over the whole list, so the check runs even when no link comes out at all.
		expect(inlines.filter((i) => i.kind === 'link' && !/^https?:$/.test(new URL(i.href).protocol))).toEqual([]);
	});

	it('serialises the href as percent-encoded ASCII', () => {
		expect(inlinesOf('[x](https://a.vn/Đ{y})')).toEqual([link('x', 'https://a.vn/%C4%90%7By%7D')]);
	});
});

describe('parseStory: Vietnamese text', () => {
	it('keeps diacritics intact', () => {
		const story = 'Đoàn viên xã Mường Nhé đã *số hoá* 1.200 hồ sơ. Tuổi trẻ Điện Biên — nghĩ lớn, làm thật!';
		expect(inlinesOf(story)).toEqual([
			text('Đoàn viên xã Mường Nhé đã '),
			em('số hoá'),
			text(' 1.200 hồ sơ. Tuổi trẻ Điện Biên — nghĩ lớn, làm thật!')
		]);
	});

	it('turns NFD input into NFC', () => {
		const nfd = 'Tuổi trẻ Việt Nam'.normalize('NFD');
		expect(nfd).not.toBe('Tuổi trẻ Việt Nam');
		expect(inlinesOf(nfd)).toEqual([text('Tuổi trẻ Việt Nam')]);
		expect(storyExcerpt(nfd, 100)).toBe('Tuổi trẻ Việt Nam');
	});

	it('links an internationalised domain by its punycode href', () => {
		expect(inlinesOf('https://thanhniên.vn')).toEqual([link('https://thanhniên.vn', 'https://xn--thanhnin-q1a.vn/')]);
	});
});

// Hostile stories must parse to plain text quickly; how the cost grows with size is measured by
// bench/story.ts (speed is measured there, never asserted in a test).
describe('parseStory: adversarial input', () => {
	it.each(ADVERSARIAL_STORIES)('%s parses to at most the text it was given', (_label, story) => {
		const blocks = parseStory(story);
		const textLength = allInlines(blocks).reduce((sum, inline) => sum + ('text' in inline ? inline.text.length : 0), 0);
		expect(textLength).toBeLessThanOrEqual(story.length);
	});

	it('keeps adversarial asterisks and brackets as text', () => {
		expect(parseStory('*'.repeat(100_000))).toEqual([p(text('*'.repeat(100_000)))]);
		expect(parseStory('['.repeat(100_000))).toEqual([p(text('['.repeat(100_000)))]);
		expect(allInlines(parseStory('[a]('.repeat(50_000))).some((i) => i.kind !== 'text')).toBe(false);
	});
});

describe('storyExcerpt', () => {
	it.each<[string, string, number, string]>([
		['short text is returned whole', 'Xin chào', 20, 'Xin chào'],
		['exactly max is returned whole', 'abcde', 5, 'abcde'],
		['markup is removed', '*Số hoá* hồ sơ, xem [bài](https://a.vn).', 100, 'Số hoá hồ sơ, xem bài.'],
		['line breaks and paragraphs become single spaces', 'một\nhai\n\n\nba', 100, 'một hai ba'],
		['whitespace is collapsed', '  a \t  b  ', 100, 'a b'],
		['cuts on a word boundary with an ellipsis', 'Tuổi trẻ Điện Biên nghĩ lớn làm thật', 20, 'Tuổi trẻ Điện Biên…'],
		['never cuts mid-word', 'một hai ba bốn', 9, 'một hai…'],
		['a cut exactly at a space keeps the whole word', 'một hai ba', 8, 'một hai…'],
		['drops punctuation before the ellipsis', 'một, hai, ba, bốn', 10, 'một, hai…'],
		['a single over-long word is cut hard', 'Supercalifragilistic', 10, 'Supercali…'],
		['does not split a surrogate pair', 'ab😀cd', 4, 'ab…'],
		['raw HTML stays literal text', '<b>x</b> y z', 100, '<b>x</b> y z'],
		['zero max gives nothing', 'abc', 0, '']
	])('%s', (_label, story, max, expected) => {
		const excerpt = storyExcerpt(story, max);
		expect(excerpt).toBe(expected);
		expect(excerpt.length).toBeLessThanOrEqual(Math.max(max, 0));
	});
});
