import { describe, expect, it } from 'vitest';
import { reportDocument, type DocumentInput } from './document';
import { emptyNarrative } from './rules';
import type { Figures } from '../figures/types';

const base: Omit<DocumentInput, 'unitName' | 'parentName' | 'ownerName'> = {
	campaignName: 'Tuổi trẻ Điện Biên tiên phong chuyển đổi số',
	periodName: 'Năm 2026',
	kind: 'yearly',
	cutoffDay: '2026-10-31',
	date: '2026-10-31',
	figures: {} as Figures,
	adjustments: [],
	narrative: emptyNarrative(),
	quoted: [],
	version: null,
	submittedAt: null
};

describe('the report as an official document', () => {
	it('takes the Đoàn form for a Đoàn body', () => {
		const doc = reportDocument({
			...base,
			unitName: 'Huyện đoàn Tuần Giáo',
			parentName: 'Tỉnh đoàn Điện Biên',
			ownerName: 'Tỉnh đoàn Điện Biên'
		});
		expect(doc).toMatchObject({
			family: 'youth_union',
			superiorBody: 'ĐOÀN TNCS HỒ CHÍ MINH',
			issuingBody: 'BCH HUYỆN TUẦN GIÁO',
			place: 'Tuần Giáo',
			recipients: ['Ban Thường vụ Tỉnh đoàn Điện Biên', 'Lưu VP'],
			signingOnBehalf: 'TM. BAN THƯỜNG VỤ',
			signerTitle: 'BÍ THƯ'
		});
		expect(doc.summaryLine).toBe('Kết quả thực hiện phong trào “Tuổi trẻ Điện Biên tiên phong chuyển đổi số” — Năm 2026');
		const named = reportDocument({
			...base,
			campaignName: 'Phong trào thi đua “Chuyển đổi số”',
			unitName: 'Tỉnh đoàn Điện Biên',
			parentName: null,
			ownerName: 'Tỉnh đoàn Điện Biên'
		});
		expect(named.summaryLine).toBe('Kết quả thực hiện phong trào thi đua “Chuyển đổi số” — Năm 2026');
		const midterm = reportDocument({
			...base,
			unitName: 'Tỉnh đoàn Điện Biên',
			parentName: null,
			ownerName: 'Tỉnh đoàn Điện Biên',
			periodName: 'Giai đoạn I (2023-2025)',
			kind: 'midterm'
		});
		expect(midterm.summaryLine).toBe('Sơ kết Giai đoạn I (2023-2025) thực hiện phong trào “Tuổi trẻ Điện Biên tiên phong chuyển đổi số”');
		const final = reportDocument({
			...base,
			unitName: 'Tỉnh đoàn Điện Biên',
			parentName: null,
			ownerName: 'Tỉnh đoàn Điện Biên',
			periodName: 'Giai đoạn II (2026-2030)',
			kind: 'final'
		});
		expect(final.summaryLine).toBe('Tổng kết phong trào “Tuổi trẻ Điện Biên tiên phong chuyển đổi số” — Giai đoạn II (2026-2030)');
		expect(named.recipients).toEqual(['Lưu VP']);
	});
	it('takes the state form for a People’s Committee', () => {
		const doc = reportDocument({ ...base, unitName: 'UBND xã Tà Ma', parentName: 'UBND huyện Tuần Giáo', ownerName: 'UBND xã Tà Ma' });
		expect(doc).toMatchObject({
			family: 'state',
			superiorBody: 'UBND HUYỆN TUẦN GIÁO',
			issuingBody: 'UBND XÃ TÀ MA',
			place: 'Tà Ma',
			signingOnBehalf: 'TM. ỦY BAN NHÂN DÂN',
			signerTitle: 'CHỦ TỊCH'
		});
	});
});
