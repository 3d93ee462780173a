import { describe, expect, it } from 'vitest';
import { certificateWording, dayInWords } from './certificate';

describe('certificate wording', () => {
	it('takes the title and the giver from the form’s name, and the state heading for a people’s committee', () => {
		expect(certificateWording({ name: 'Bằng khen của Chủ tịch UBND tỉnh', grantingBody: '' }, 'Tỉnh đoàn Điện Biên')).toEqual({
			heading: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
			title: 'BẰNG KHEN',
			grantor: 'CHỦ TỊCH UBND TỈNH'
		});
	});

	it('uses the Đoàn heading for a Đoàn body and prefers the granting body the form names', () => {
		expect(
			certificateWording({ name: 'Bằng khen của BCH Tỉnh đoàn', grantingBody: 'Ban Chấp hành Tỉnh đoàn Điện Biên' }, 'Tỉnh đoàn Điện Biên')
		).toEqual({ heading: ['ĐOÀN TNCS HỒ CHÍ MINH'], title: 'BẰNG KHEN', grantor: 'BAN CHẤP HÀNH TỈNH ĐOÀN ĐIỆN BIÊN' });
		expect(certificateWording({ name: 'Giấy khen', grantingBody: '' }, 'Tỉnh đoàn Điện Biên').grantor).toBe('TỈNH ĐOÀN ĐIỆN BIÊN');
	});

	it('writes a day as decisions do', () => {
		expect(dayInWords('2026-03-05')).toBe('ngày 5 tháng 3 năm 2026');
	});
});
