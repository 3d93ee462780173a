import { describe, expect, it } from 'vitest';
import { checkMeasure, isFarAboveUsual, parseVietnameseNumber, type MeasureSpec } from './measures';

const people: MeasureSpec = {
	id: 1,
	code: 'people',
	label: 'Người được hỗ trợ',
	unitLabel: 'người',
	kind: 'integer',
	min: 1,
	max: 5000,
	required: true
};
const hours: MeasureSpec = { id: 2, code: 'hours', label: 'Giờ', unitLabel: 'giờ', kind: 'decimal', min: 0, max: 100, required: false };

describe('reading numbers the Vietnamese way', () => {
	it.each([
		['1.234', 1234],
		['100.344', 100344],
		['1.234,5', 1234.5],
		['12,5', 12.5],
		['12.5', 12.5],
		[' 42 ', 42],
		['0', 0],
		['-5', -5],
		['\u22125', -5],
		['--5', null],
		['+5', null],
		['1e3', null],
		['NaN', null],
		['Infinity', null],
		['1 000', null],
		['12,3,4', null],
		['0x10', null],
		['', null],
		['9'.repeat(30), null]
	])('%s → %s', (raw, value) => {
		expect(parseVietnameseNumber(raw)).toBe(value);
	});
});

describe('checking a measure', () => {
	it.each([
		['120', people, { ok: true, value: 120 }],
		['1.500', people, { ok: true, value: 1500 }],
		['', people, { ok: false, problem: 'required' }],
		['0', people, { ok: false, problem: 'below_min' }],
		// Refused as below the minimum, the message a person can act on, not as "not a number".
		['-3', people, { ok: false, problem: 'below_min' }],
		['1000000000000', people, { ok: false, problem: 'above_max' }],
		['5.001', people, { ok: false, problem: 'above_max' }],
		['2,5', people, { ok: false, problem: 'not_integer' }],
		['abc', people, { ok: false, problem: 'not_a_number' }],
		['', hours, { ok: true, value: null }],
		['2,25', hours, { ok: true, value: 2.25 }],
		['2,255', hours, { ok: false, problem: 'too_precise' }]
	] as const)('%s for %s', (raw, spec, expected) => {
		expect(checkMeasure(raw, spec)).toEqual(expected);
	});
});

describe('far above the usual', () => {
	it('needs three approved values before it says anything', () => {
		expect(isFarAboveUsual(10_000, [10, 12])).toBe(false);
	});
	it('flags five times the median and more than 20 above it', () => {
		expect(isFarAboveUsual(300, [40, 50, 60])).toBe(true);
		expect(isFarAboveUsual(200, [40, 50, 60])).toBe(false);
		expect(isFarAboveUsual(20, [1, 2, 3])).toBe(false);
	});
});
