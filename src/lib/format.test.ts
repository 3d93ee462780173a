import { describe, expect, it } from 'vitest';
import { deviceLabel, formatBytes, formatDate, formatDateTime, formatNumber, isoDay } from './format';
import { toSearchText, normaliseLine } from './text';
import { t } from './i18n';

describe('Vietnamese formats', () => {
	it('writes numbers with dots for thousands and a comma for decimals', () => {
		expect(formatNumber(100344)).toBe('100.344');
		expect(formatNumber(1234.5)).toBe('1.234,5');
	});
	it('writes file sizes in KB under a megabyte, else in MB with one decimal', () => {
		expect(formatBytes(1_258_291)).toBe('1,2 MB');
		expect(formatBytes(52_000)).toBe('51 KB');
		expect(formatBytes(10)).toBe('1 KB');
	});
	it('writes dates as dd/mm/yyyy in Vietnam time', () => {
		// 2026-11-24T18:30Z is already 25/11 in Hà Nội (UTC+7).
		const ms = Date.UTC(2026, 10, 24, 18, 30);
		expect(formatDate(ms)).toBe('25/11/2026');
		expect(formatDateTime(ms)).toBe('25/11/2026 01:30');
		expect(isoDay(ms)).toBe('2026-11-25');
		expect(formatDate('2023-07-10')).toBe('10/07/2023');
	});
});

describe('text', () => {
	it('folds diacritics for search', () => {
		expect(toSearchText('Đoàn xã Tà Ma')).toBe('doan xa ta ma');
		expect(toSearchText('ĐIỆN BIÊN')).toBe('dien bien');
	});
	it('normalises combining marks to NFC and collapses spaces', () => {
		const decomposed = 'Ta\u0300 Ma'.normalize('NFD');
		expect(normaliseLine(`  ${decomposed}   xã `)).toBe('Tà Ma xã');
	});
});

describe('message catalogue', () => {
	it('fills placeholders and leaves unknown ones visible', () => {
		expect(t('units.memberCount', { count: '1.234' })).toBe('1.234 đoàn viên');
		expect(t('units.memberCount')).toBe('{count} đoàn viên');
	});
});

describe('device labels', () => {
	it.each([
		[
			'Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/120.0 Chrome/114.0 Mobile Safari/537.36',
			'Cốc Cốc · Android'
		],
		[
			'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 Zalo android/12',
			'Zalo · Android'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
			'Safari · iPhone/iPad'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
			'Edge · Windows'
		],
		['', '—']
	])('%s → %s', (ua, label) => {
		expect(deviceLabel(ua)).toBe(label);
	});
});
