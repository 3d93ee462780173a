import { describe, expect, it } from 'vitest';
import { neutralised, toCsv } from './cells';

describe('cells exported to spreadsheets', () => {
	it.each([
		['=HYPERLINK("http://x","bấm")', `'=HYPERLINK("http://x","bấm")`],
		['+84912345678', `'+84912345678`],
		['-1+1', `'-1+1`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\t=1', `'\t=1`],
		['Hướng dẫn VNeID = 40 người', 'Hướng dẫn VNeID = 40 người']
	])('%j → %j', (raw, expected) => expect(neutralised(raw)).toBe(expected));

	it('writes CSV with the BOM, quoting, CRLF, and negative numbers left as numbers', () => {
		expect(
			toCsv([
				['Đơn vị', 'Số người'],
				['Đoàn xã "Ta Ma", Tuần Giáo', -1566.5],
				['=cmd|x', null]
			])
		).toBe('\uFEFF"Đơn vị","Số người"\r\n"Đoàn xã ""Ta Ma"", Tuần Giáo","-1566.5"\r\n"\'=cmd|x",""\r\n');
	});
});
