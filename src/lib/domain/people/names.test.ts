import { describe, expect, it } from 'vitest';
import { isChild, publicDisplayName } from './names';

describe('public display names', () => {
	it.each([
		['Nguyễn Văn An', 'Nguyễn V. A.'],
		['  Giàng   A   Páo ', 'Giàng A. P.'],
		['Lò Thị Ánh Tuyết', 'Lò T. Á. T.'],
		['Sính', 'Sính']
	])('%s → %s', (full, shown) => {
		expect(publicDisplayName(full)).toBe(shown);
	});
	it('counts anyone under 16 as a child', () => {
		expect(isChild(2011, 2026)).toBe(true);
		expect(isChild(2010, 2026)).toBe(false);
		expect(isChild(null, 2026)).toBe(false);
	});
});
