import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword', () => {
	it.each([
		['7 characters', 'abcdefg', 'too_short'],
		['a common number run', '12345678', 'common'],
		['matkhau123', 'matkhau123', 'common'],
		['the union name', 'doanthanhnien', 'common'],
		['the province admin word + year', 'tinhdoan2025', 'common'],
		['the province name with diacritics', 'Điện Biên', 'common'],
		['the product name', 'tienphong', 'common'],
		['one repeated letter', 'aaaaaaaaaaaa', 'common'],
		['257 characters', 'a'.repeat(257), 'too_long']
	])('refuses %s', (_label, password, problem) => {
		expect(checkPassword(password)).toBe(problem);
	});

	it.each([
		['8 characters', 'ngựa-đá9'],
		['a 64-character Vietnamese passphrase', 'Tuổi trẻ miền núi học chữ ký số mỗi tối thứ bảy ở nhà văn hoá bản'.slice(0, 64)],
		['a 128-character passphrase', 'mây trắng bay qua đỉnh Pha Đin '.repeat(5).slice(0, 128)],
		['a longer word that only starts with a context word', 'tinhdoanvienmuongnhe']
	])('accepts %s', (_label, password) => {
		expect(checkPassword(password)).toBeNull();
	});

	it('refuses a password that contains the login identifier', () => {
		expect(checkPassword('0912345678abc', ['0912345678'])).toBe('contains_identifier');
		expect(checkPassword('hoa.nguyen-2026', ['hoa.nguyen@example.vn'])).toBe('contains_identifier');
	});

	it('counts characters, not UTF-16 units or bytes: 8 Vietnamese letters are enough', () => {
		expect(checkPassword('đườngđời')).toBeNull();
	});
});
