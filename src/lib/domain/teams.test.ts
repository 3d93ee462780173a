import { describe, expect, it } from 'vitest';
import { defaultTeamSettings, enrolmentScope, teamKindLabel, teamMemberScope } from './teams';

const province = [
	{ id: 1, level: 'province' },
	{ id: 4, level: 'district' },
	{ id: 9, level: 'grassroots' },
	{ id: 20, level: 'branch' }
];
const commune = [
	{ id: 50, level: 'commune' },
	{ id: 51, level: 'village' }
];

describe('enrolmentScope', () => {
	it.each([
		{ name: 'district campaign, branch team', chain: province, level: 'district', scope: '/1/4/' },
		{ name: 'district campaign, district team', chain: province.slice(0, 2), level: 'district', scope: '/1/4/' },
		{
			name: 'district campaign, provincial team (no district above: depth-1 rule)',
			chain: province.slice(0, 1),
			level: 'district',
			scope: '/1/'
		},
		{ name: 'grassroots campaign, branch team', chain: province, level: 'grassroots', scope: '/1/4/9/' },
		{ name: 'commune campaign, village team: the commune root', chain: commune, level: 'commune', scope: '/50/' },
		{ name: 'commune campaign, commune team', chain: commune.slice(0, 1), level: 'commune', scope: '/50/' },
		{ name: 'no level named: depth 1', chain: province, level: null, scope: '/1/4/' },
		{ name: 'no level named, commune tree: the village', chain: commune, level: null, scope: '/50/51/' },
		{ name: 'a level the tree does not use: depth 1', chain: province, level: 'hamlet', scope: '/1/4/' },
		{
			name: 'two ancestors at the level: the nearest',
			chain: [
				{ id: 1, level: 'org' },
				{ id: 2, level: 'org' },
				{ id: 3, level: 'team' }
			],
			level: 'org',
			scope: '/1/2/'
		}
	])('$name', ({ chain, level, scope }) => {
		expect(enrolmentScope(chain, level)).toBe(scope);
	});

	it('without a level it is the old rule on paths', () => {
		expect(enrolmentScope(province, null)).toBe(teamMemberScope('/1/4/9/20/'));
	});
});

describe('teamKindLabel', () => {
	const kinds = [{ code: 'village_tech', label: 'Tổ công nghệ số cộng đồng bản' }];
	it.each([
		{ code: 'village_tech', label: 'Tổ công nghệ số cộng đồng bản' },
		{ code: 'digital_volunteer', label: 'Đội hình tình nguyện chuyển đổi số' },
		{ code: 'gone_kind', label: 'gone_kind' }
	])('$code → $label', ({ code, label }) => expect(teamKindLabel(kinds, code)).toBe(label));

	it('the defaults are the three built-in kinds and the depth-1 rule', () => {
		const d = defaultTeamSettings();
		expect(d.kinds.map((k) => k.code)).toEqual(['digital_volunteer', 'community_tech', 'other']);
		expect(d.enrolFromLevel).toBeNull();
	});
});
