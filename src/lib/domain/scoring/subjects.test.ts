import { describe, expect, it } from 'vitest';
import { boardSubjects, chosenSubject, showcaseSubjects, type CampaignLevel, type PresentLevel } from './subjects';

const words = { team: 'Đội hình', member: 'Đoàn viên', contributor: null };
const level = (code: string, label: string, rank: number, boards: boolean, position: number): CampaignLevel => ({
	code,
	label,
	rank,
	boards,
	position
});
const present = (code: string, label: string, rank: number): PresentLevel => ({ code, label, rank });

describe('the boards a campaign offers', () => {
	it.each<[string, CampaignLevel[], PresentLevel[], string[], string[]]>([
		[
			'Ta Ma: the commune has no boards, agency and bản share a rank and keep the file’s order',
			[level('commune', 'Xã', 1, false, 0), level('agency', 'Cơ quan, đơn vị', 2, true, 1), level('village', 'Bản', 2, true, 2)],
			[],
			['agency', 'village', 'team', 'member'],
			['Cơ quan, đơn vị', 'Bản', 'Đội hình', 'Đoàn viên']
		],
		[
			'levels sorted by rank, not by the file’s order',
			[level('branch', 'Chi đoàn', 4, true, 0), level('district', 'Huyện', 2, true, 1), level('grassroots', 'Cơ sở', 3, true, 2)],
			[],
			['district', 'grassroots', 'branch', 'team', 'member'],
			['Huyện', 'Cơ sở', 'Chi đoàn', 'Đội hình', 'Đoàn viên']
		],
		[
			'the campaign’s levels win over the units present',
			[level('village', 'Bản', 2, true, 0)],
			[present('district', 'Đơn vị cấp huyện', 2)],
			['village', 'team', 'member'],
			['Bản', 'Đội hình', 'Đoàn viên']
		],
		[
			'no levels (a campaign made before campaign files): the levels used below the root, by rank then code',
			[],
			[present('branch', 'Chi đoàn', 4), present('district', 'Đơn vị cấp huyện', 2), present('grassroots', 'Đoàn cơ sở', 3)],
			['district', 'grassroots', 'branch', 'team', 'member'],
			['Đơn vị cấp huyện', 'Đoàn cơ sở', 'Chi đoàn', 'Đội hình', 'Đoàn viên']
		],
		['no levels and no units below the root: teams and members only', [], [], ['team', 'member'], ['Đội hình', 'Đoàn viên']],
		[
			'every level without boards: teams and members only (no fallback to the units present)',
			[level('commune', 'Xã', 1, false, 0)],
			[present('village', 'Bản', 4)],
			['team', 'member'],
			['Đội hình', 'Đoàn viên']
		],
		[
			'a level coded like a people kind never doubles the team board',
			[level('team', 'Tổ', 2, true, 0), level('village', 'Bản', 3, true, 1)],
			[],
			['village', 'team', 'member'],
			['Bản', 'Đội hình', 'Đoàn viên']
		]
	])('%s', (_, levels, used, codes, labels) => {
		const options = boardSubjects(levels, used, words);
		expect(options.map((o) => o.code)).toEqual(codes);
		expect(options.map((o) => o.label)).toEqual(labels);
		expect(options.filter((o) => !o.unit).map((o) => o.code)).toEqual(['team', 'member']);
	});
});

it('a campaign whose rules credit contributors has their board last, among the people boards', () => {
	const options = boardSubjects([level('hamlet', 'Xóm', 2, true, 0)], [], {
		...words,
		contributor: 'Hộ gia đình, tập thể và cá nhân khác'
	});
	expect(options.map((o) => [o.code, o.unit])).toEqual([
		['hamlet', true],
		['team', false],
		['member', false],
		['contributor', false]
	]);
	// A level coded like the contributor board would collide with its keys: the board wins.
	expect(boardSubjects([level('contributor', 'X', 2, true, 0)], [], words).map((o) => o.code)).toEqual(['team', 'member']);
});

describe('the subject a page shows', () => {
	const taMa = boardSubjects(
		[level('commune', 'Xã', 1, false, 0), level('agency', 'Cơ quan, đơn vị', 2, true, 1), level('village', 'Bản', 2, true, 2)],
		[],
		words
	);
	const peopleOnly = boardSubjects([], [], words);
	const youth = boardSubjects(
		[level('district', 'Huyện', 2, true, 1), level('grassroots', 'Cơ sở', 3, true, 2), level('branch', 'Chi đoàn', 4, true, 3)],
		[],
		words
	);
	it.each<[string, typeof taMa, string | null, string]>([
		['the one asked for', taMa, 'village', 'village'],
		['members', taMa, 'member', 'member'],
		['nothing asked: the first unit board', taMa, null, 'agency'],
		['a level without boards: the first unit board', taMa, 'commune', 'agency'],
		['an unknown kind: the first unit board', taMa, 'district', 'agency'],
		['no unit boards: the first board', peopleOnly, 'village', 'team']
	])('%s', (_, options, asked, expected) => {
		expect(chosenSubject(options, asked).code).toBe(expected);
	});

	it.each<[string, typeof taMa, string[]]>([
		['the big screen: the top tier of unit boards (both of Ta Ma’s), teams, members', taMa, ['agency', 'village', 'team', 'member']],
		['the big screen: only the top tier (districts, not grassroots unions or branches)', youth, ['district', 'team', 'member']],
		['the big screen without unit boards: teams, members', peopleOnly, ['team', 'member']]
	])('%s', (_, options, expected) => {
		expect(showcaseSubjects(options).map((o) => o.code)).toEqual(expected);
	});

	it.each<[string, number, string[]]>([
		['a district’s own screen: its grassroots unions, teams, members', 2, ['grassroots', 'team', 'member']],
		['a grassroots union’s: its branches', 3, ['branch', 'team', 'member']],
		['a branch’s: no unit below it ranks, teams and members do', 4, ['team', 'member']]
	])('%s', (_, rank, expected) => {
		expect(showcaseSubjects(youth, rank).map((o) => o.code)).toEqual(expected);
	});
});
