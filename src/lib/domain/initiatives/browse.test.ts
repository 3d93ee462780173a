import { describe, expect, it } from 'vitest';
import { browseHref, hasChosenFilters, readBrowseFilters } from './browse';

const read = (search: string) => readBrowseFilters(new URLSearchParams(search));

describe('readBrowseFilters', () => {
	it('reads every filter and the page cursor from the address', () => {
		expect(read('q=VNeID&don-vi=12&loai=3&noi-dung=2&ky=5&dien-hinh=1&sau=2026-11-19.187')).toEqual({
			query: 'VNeID',
			unitId: 12,
			activityTypeId: 3,
			contentAreaId: 2,
			periodId: 5,
			featured: true,
			after: { day: '2026-11-19', id: 187 }
		});
	});
	it('ignores what is malformed or hostile instead of failing', () => {
		expect(read('don-vi=-1&loai=abc&noi-dung=1e3&ky=0&dien-hinh=yes&sau=2026-11-19.0')).toEqual({
			query: '',
			unitId: null,
			activityTypeId: null,
			contentAreaId: null,
			periodId: null,
			featured: false,
			after: null
		});
		expect(read(`q=${'a'.repeat(500)}&don-vi=9999999999&sau=19/11/2026.4`)).toMatchObject({ unitId: null, after: null });
		expect(read(`q=${'a'.repeat(500)}`).query).toHaveLength(100);
	});
});

describe('browseHref', () => {
	it('writes the filters back, and a change starts again from the first page', () => {
		const filters = read('q=chữ ký&loai=3&sau=2026-11-19.187');
		expect(browseHref(filters)).toBe('/sang-kien?q=ch%E1%BB%AF+k%C3%BD&loai=3');
		expect(browseHref(filters, { featured: true })).toBe('/sang-kien?q=ch%E1%BB%AF+k%C3%BD&loai=3&dien-hinh=1');
		expect(browseHref(filters, { after: { day: '2026-10-01', id: 9 } })).toBe('/sang-kien?q=ch%E1%BB%AF+k%C3%BD&loai=3&sau=2026-10-01.9');
		expect(browseHref(read(''))).toBe('/sang-kien');
		expect(read(browseHref(filters).split('?')[1]!)).toEqual({ ...filters, after: null });
	});
	it('knows when a filter beyond the search box is chosen', () => {
		expect(hasChosenFilters(read('dien-hinh=1&q=abc'))).toBe(false);
		expect(hasChosenFilters(read('ky=2'))).toBe(true);
	});
});
