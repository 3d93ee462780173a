import { describe, expect, it } from 'vitest';
import { tagsAtPath } from './tags';

describe('unit tags', () => {
	it('cover the tagged unit’s subtree, without repeating a tag carried twice', () => {
		const tagged = new Map([
			[2, ['armed-forces']],
			[5, ['armed-forces', 'school']]
		]);
		expect(tagsAtPath('/1/2/5/9/', tagged)).toEqual(['armed-forces', 'school']);
		expect(tagsAtPath('/1/3/', tagged)).toEqual([]);
		expect(tagsAtPath('/1/2/', tagged)).toEqual(['armed-forces']);
	});
});
