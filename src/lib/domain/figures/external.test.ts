import { describe, expect, it } from 'vitest';
import { readScoreTable } from './external';

const units: Record<string, number[]> = { 'xã ta ma': [11], dv12: [12], 'xã mường mùn': [13], 'xã trùng tên': [14, 15] };
const findUnit = (text: string) => units[text.toLowerCase()] ?? [];

describe('an external score table', () => {
	it('reads the columns by their Vietnamese headers in any order, with Vietnamese numbers', () => {
		const read = readScoreTable(
			[['Xếp hạng', 'ĐƠN VỊ', 'Điểm'], ['1', 'Xã Ta Ma', '87,5'], ['2', 'DV12', ''], [], ['', 'Xã Mường Mùn', '1.002']],
			findUnit
		);
		expect(read).toEqual({
			ok: true,
			rows: [
				{ line: 2, unitId: 11, score: 87.5, rank: 1 },
				{ line: 3, unitId: 12, score: null, rank: 2 },
				{ line: 5, unitId: 13, score: 1002, rank: null }
			]
		});
	});

	it('refuses the whole table, line by line, for unknown, ambiguous or repeated units and impossible numbers', () => {
		const read = readScoreTable(
			[
				['Đơn vị', 'Điểm', 'Xếp hạng'],
				['Xã Không Có', '1', '1'],
				['Xã Trùng Tên', '1', '1'],
				['Xã Ta Ma', '-1', ''],
				['Xã Ta Ma', '1', '2'],
				['DV12', '5', '1,5'],
				['Xã Mường Mùn', '', '']
			],
			findUnit
		);
		expect(read.ok).toBe(false);
		expect(!read.ok && read.problems.map((p) => [p.line, p.error])).toEqual([
			[2, 'unitFinder.unknown'],
			[3, 'unitFinder.ambiguous'],
			[4, 'externalScores.badScore'],
			[5, 'externalScores.duplicateUnit'],
			[6, 'externalScores.badRank'],
			[7, 'externalScores.empty']
		]);
	});

	it('needs a unit column and a score or rank column', () => {
		expect(
			readScoreTable(
				[
					['Tên', 'Ghi chú'],
					['Xã Ta Ma', 'x']
				],
				findUnit
			)
		).toMatchObject({ ok: false, problems: [{ line: 1, error: 'externalScores.header' }] });
		expect(readScoreTable([['Đơn vị', 'Điểm']], findUnit)).toMatchObject({ ok: false, problems: [{ error: 'externalScores.noRows' }] });
	});
});
