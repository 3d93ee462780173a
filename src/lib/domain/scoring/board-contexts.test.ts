import { describe, expect, it } from 'vitest';
import { ownBoardContexts } from './board-contexts';
import type { BoardSubjectOption } from './subjects';

const subjects: BoardSubjectOption[] = [
	{ code: 'district', label: 'Đoàn cấp huyện', unit: true, rank: 1 },
	{ code: 'branch', label: 'Chi đoàn', unit: true, rank: 3 },
	{ code: 'team', label: 'Đội hình', unit: false, rank: null },
	{ code: 'member', label: 'Đoàn viên', unit: false, rank: null }
];
const chain = [
	{ id: 1, name: 'Tỉnh đoàn Điện Biên', level: 'province' },
	{ id: 2, name: 'Huyện đoàn Tuần Giáo', level: 'district' },
	{ id: 5, name: 'Đoàn xã Ta Ma', level: 'grassroots' },
	{ id: 9, name: 'Chi đoàn bản Ta Ma', level: 'branch' }
];

describe('ownBoardContexts', () => {
	it('starts with the members of the person’s own unit, then each of their units among its siblings, nearest first', () => {
		expect(ownBoardContexts(chain, subjects)).toEqual([
			{ subject: 'member', scopeId: 9, label: 'Đoàn viên · Chi đoàn bản Ta Ma' },
			{ subject: 'branch', scopeId: 5, label: 'Chi đoàn · Đoàn xã Ta Ma' },
			{ subject: 'district', scopeId: 1, label: 'Đoàn cấp huyện · Tỉnh đoàn Điện Biên' }
		]);
	});

	it('skips levels the campaign keeps no board for (here the commune unions)', () => {
		expect(ownBoardContexts(chain, subjects).map((c) => c.subject)).not.toContain('grassroots');
	});

	it('offers nothing to someone who belongs to no unit, and only the member board to someone at the root', () => {
		expect(ownBoardContexts([], subjects)).toEqual([]);
		expect(ownBoardContexts(chain.slice(0, 1), subjects)).toEqual([
			{ subject: 'member', scopeId: 1, label: 'Đoàn viên · Tỉnh đoàn Điện Biên' }
		]);
	});
});
