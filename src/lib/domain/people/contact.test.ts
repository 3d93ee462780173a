import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone, parseLoginIdentifier, throttleKeyFor } from './contact';

describe('contact details', () => {
	it.each([
		['0912345678', '0912345678'],
		['0912 345 678', '0912345678'],
		['091.234.5678', '0912345678'],
		['+84912345678', '0912345678'],
		['84912345678', '0912345678'],
		['12345', null],
		['09123456789', null],
		['091-234-5678', '0912345678'],
		['0912345678x', null]
	])('phone %s → %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	it.each([
		['Hoa.Nguyen@Example.VN', 'hoa.nguyen@example.vn'],
		['a@b', null],
		['a b@c.vn', null],
		['@c.vn', null],
		['a@@c.vn', null]
	])('email %s → %s', (input, expected) => {
		expect(normaliseEmail(input)).toBe(expected);
	});

	it('stays fast on adversarial input (no backtracking regexes)', () => {
		const long = `${'a'.repeat(50_000)}@`;
		const start = performance.now();
		normaliseEmail(long);
		normalisePhone('9'.repeat(50_000));
		parseLoginIdentifier('.'.repeat(50_000));
		expect(performance.now() - start).toBeLessThan(50);
	});

	it('recognises what was typed in the login box', () => {
		expect(parseLoginIdentifier(' TAMA ')).toEqual({ kind: 'username', value: 'tama' });
		expect(parseLoginIdentifier('+84 912 345 678')).toEqual({ kind: 'phone', value: '0912345678' });
		expect(parseLoginIdentifier('X@Y.vn')).toEqual({ kind: 'email', value: 'x@y.vn' });
		expect(parseLoginIdentifier('<script>')).toBeNull();
	});

	it('throttles the same account however it is typed', () => {
		expect(throttleKeyFor('0912 345 678')).toBe(throttleKeyFor('+84912345678'));
		expect(throttleKeyFor('TAMA')).toBe(throttleKeyFor('tama'));
	});
});
