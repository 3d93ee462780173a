import { describe, expect, it } from 'vitest';
import { safeNextPath } from './navigation';

describe('safeNextPath: where to go after signing in stays on this site', () => {
	it.each([
		['/bang-xep-hang?ky=Y2026', '/bang-xep-hang?ky=Y2026'],
		['/sang-kien/12/sua#anh', '/sang-kien/12/sua#anh'],
		['/don-vi?q=Ta%20Ma', '/don-vi?q=Ta%20Ma'],
		// Non-ASCII is re-encoded: a raw "。" in a Location header made the answer a 500.
		['/%E3%80%82evil', '/%E3%80%82evil'],
		['/\u3002evil', '/%E3%80%82evil']
	])('keeps %j as %j', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\nSet-Cookie: x=1',
		'/\u0000',
		'/ /evil.example',
		'/\u0085/evil.example',
		'evil.example',
		'javascript:alert(1)'
	])('sends %j home instead', (next) => {
		expect(safeNextPath(next)).toBe('/');
	});
});
