import { describe, expect, it } from 'vitest';
import { campaignsOfUnit, takesPart } from './participation';

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
