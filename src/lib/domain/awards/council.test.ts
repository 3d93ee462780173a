import { describe, expect, it } from 'vitest';
import { councilPasses, councilText, parseCouncil } from './council';

describe('the awards council', () => {
	it('reads one member per line with an optional position, skipping blank lines', () => {
		const parsed = parseCouncil('Lò Văn An | Bí thư Tỉnh đoàn\n\n  Quàng  Thị Bình |Phó Bí thư\r\nVì Văn Cường\n');
		expect(parsed).toEqual({
			ok: true,
			members: [
				{ name: 'Lò Văn An', position: 'Bí thư Tỉnh đoàn' },
				{ name: 'Quàng Thị Bình', position: 'Phó Bí thư' },
				{ name: 'Vì Văn Cường', position: '' }
			]
		});
		if (parsed.ok) expect(parseCouncil(councilText(parsed.members))).toEqual(parsed);
	});

	it('names the line that cannot be read, and refuses a council too small to vote or a name twice', () => {
		expect(parseCouncil('A\nB | x | y\nC')).toEqual({ ok: false, problem: 'line', line: 2 });
		expect(parseCouncil('A\n<script>\nC')).toEqual({ ok: false, problem: 'line', line: 2 });
		expect(parseCouncil(' | Chủ tịch\nB\nC')).toEqual({ ok: false, problem: 'line', line: 1 });
		expect(parseCouncil('A\nB')).toEqual({ ok: false, problem: 'tooFew' });
		expect(parseCouncil('A\nB\nA | Uỷ viên')).toEqual({ ok: false, problem: 'duplicate', line: 3 });
		expect(parseCouncil(Array.from({ length: 26 }, (_, i) => `Người ${i}`).join('\n'))).toEqual({ ok: false, problem: 'tooMany' });
	});

	it('passes a proposal only with more than half of all the seats, absent members counting against it', () => {
		expect(councilPasses(3, 5)).toBe(true);
		expect(councilPasses(2, 5)).toBe(false);
		expect(councilPasses(2, 4)).toBe(false);
		expect(councilPasses(3, 4)).toBe(true);
	});
});
