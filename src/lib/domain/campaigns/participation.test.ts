import { describe, expect, it } from 'vitest';
import { campaignsOfUnit, joinRefusal, stopsTakingPart, takesPart } from './participation';

const youth = { campaignId: 1, ownerPath: '/1/', joinedPaths: [] };
const government = { campaignId: 2, ownerPath: '/90/', joinedPaths: ['/1/2/', '/1/7/8/'] };

describe('campaign participation', () => {
	it.each([
		['/1/', [1]],
		['/1/2/', [1, 2]],
		['/1/2/3/4/', [1, 2]],
		['/1/7/', [1]],
		['/1/7/8/9/', [1, 2]],
		['/90/', [2]],
		['/90/91/', [2]],
		['/5/', []]
	])('%s takes part in %j', (path, ids) => {
		expect(campaignsOfUnit(path, [youth, government])).toEqual(ids);
	});

	it('is a prefix of whole path segments, never of digits', () => {
		expect(takesPart('/12/', { campaignId: 3, ownerPath: '/1/', joinedPaths: [] })).toBe(false);
		expect(takesPart('/1/22/', government)).toBe(false);
	});
});

describe('joining and leaving a campaign', () => {
	const dates = { startsOn: '2025-01-01', endsOn: '2030-12-31' };
	it.each([
		['/5/', '2026-03-01', null],
		['/5/6/', '2026-03-01', null],
		['/1/', '2026-03-01', null],
		['/90/', '2026-03-01', 'ownerTree'],
		['/90/91/', '2026-03-01', 'ownerTree'],
		['/1/2/', '2026-03-01', 'joined'],
		['/1/2/3/', '2026-03-01', 'underJoined'],
		['/1/7/8/9/', '2026-03-01', 'underJoined'],
		['/1/7/', '2026-03-01', null],
		['/5/', '2025-01-01', null],
		['/5/', '2030-12-31', null],
		['/5/', '2024-12-31', 'beforeStart'],
		['/5/', '2031-01-01', 'afterEnd']
	])('%s joining on %s: %s', (path, day, refusal) => {
		expect(joinRefusal(path, day, government, dates)).toBe(refusal);
	});

	const overlapping = { campaignId: 2, ownerPath: '/90/', joinedPaths: ['/1/', '/1/2/', '/5/'] };
	it.each([
		['/5/', '/5/', true],
		['/5/6/', '/5/', true],
		['/1/2/3/', '/1/2/', false],
		['/1/2/3/', '/1/', false],
		['/1/7/', '/1/', true],
		['/90/91/', '/5/', false],
		['/8/', '/5/', false],
		['/55/', '/5/', false]
	])('%s stops taking part when %s leaves: %s', (path, leaving, stops) => {
		expect(stopsTakingPart(path, leaving, overlapping)).toBe(stops);
	});
});
