import { describe, expect, it } from 'vitest';
import { keysNamedIn } from '../../scripts/messages-per-module';

const catalogue = {
	'board.title': 'Bảng xếp hạng',
	'board.you': 'Bạn',
	'report.status.draft': 'Nháp',
	'report.status.sent': 'Đã gửi',
	'report.section.a': 'Phần A'
};

describe('the messages a browser module carries', () => {
	it('are the keys it quotes, in any quotes, and nothing else', () => {
		const code = `t('board.title'); const k = "board.you"; el.dataset.x = 'board.titles'; t(\`board.title\`); 'board-row'`;
		expect(keysNamedIn(code, catalogue)).toEqual(['board.title', 'board.you']);
	});

	it('are every key under the fixed part of a template it builds a key with', () => {
		expect(keysNamedIn('t(`report.status.${status ?? "none"}`)', catalogue)).toEqual(['report.status.draft', 'report.status.sent']);
	});

	it('are none for a module that names no message', () => {
		expect(keysNamedIn('export const x = `${a}.${b}`; f("board")', catalogue)).toEqual([]);
	});
});
