import { describe, expect, it } from 'vitest';
import { changesSince, type WorkSnapshot } from './changes';

const returned: WorkSnapshot = {
	title: 'Hướng dẫn cài VNeID',
	startedOn: '2026-11-02',
	endedOn: '2026-11-02',
	measures: [
		{ measureId: 1, value: 40, reported: 40 },
		{ measureId: 2, value: 3 }
	],
	participantIds: [5, 6],
	photoCount: 2,
	storyDigest: 'aaaa'
};

describe('changesSince', () => {
	it('finds nothing when the author sent the same work back', () => {
		expect(changesSince(returned, structuredClone(returned))).toEqual([]);
	});

	it('names each changed field with its old and new value', () => {
		const resubmitted: WorkSnapshot = {
			...returned,
			title: 'Hướng dẫn cài VNeID ở bản Ta Ma',
			endedOn: '2026-11-03',
			measures: [
				{ measureId: 1, value: 25, reported: 25 },
				{ measureId: 3, value: 1, reported: 1 }
			],
			participantIds: [6, 5, 7],
			photoCount: 3,
			storyDigest: 'bbbb'
		};
		expect(changesSince(returned, resubmitted)).toEqual([
			{ kind: 'title', from: 'Hướng dẫn cài VNeID', to: 'Hướng dẫn cài VNeID ở bản Ta Ma' },
			{ kind: 'dates', from: ['2026-11-02', '2026-11-02'], to: ['2026-11-02', '2026-11-03'] },
			{ kind: 'measure', measureId: 1, from: 40, to: 25 },
			{ kind: 'measure', measureId: 2, from: 3, to: null },
			{ kind: 'measure', measureId: 3, from: null, to: 1 },
			{ kind: 'photos', from: 2, to: 3 },
			{ kind: 'participants', from: 2, to: 3 },
			{ kind: 'story' }
		]);
	});

	it('compares what the author reported, not what a verifier adjusted', () => {
		const adjusted = { ...returned, measures: [{ measureId: 1, value: 30, reported: 40 }, returned.measures![1]!] };
		expect(changesSince(returned, adjusted)).toEqual([]);
	});

	it('says nothing about a field an older event did not keep', () => {
		const older: WorkSnapshot = { ...returned, storyDigest: undefined, photoCount: undefined };
		expect(changesSince(older, { ...returned, storyDigest: 'cccc', photoCount: 5 })).toEqual([]);
	});

	it('sees a swapped participant even when the count stays the same', () => {
		expect(changesSince(returned, { ...returned, participantIds: [5, 9] })).toEqual([{ kind: 'participants', from: 2, to: 2 }]);
	});
});
