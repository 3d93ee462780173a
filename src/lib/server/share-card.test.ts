import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { CARD_HEIGHT, CARD_WIDTH, missingGlyphs, shareCard, wrap } from './share-card';

const VIETNAMESE = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ“”–…·0123456789';

describe('share cards', () => {
	it('draw every Vietnamese letter, lower and upper case, in both weights, from the shipped font', () => {
		const all = `${VIETNAMESE}${VIETNAMESE.toLocaleUpperCase('vi')}`;
		expect(missingGlyphs(all, 400)).toEqual([]);
		expect(missingGlyphs(all, 700)).toEqual([]);
	});

	it('wrap a long name into its lines and cut the last with an ellipsis', () => {
		const lines = wrap('Đội thanh niên xung kích tình nguyện chuyển đổi số bản Huổi Lóng xã Tỏa Tình huyện Tuần Giáo', 600, 52, 700, 2);
		expect(lines).toHaveLength(2);
		expect(lines[1]!.endsWith('…')).toBe(true);
		expect(wrap('Chi đoàn Pú Nhung', 600, 52, 700, 2)).toEqual(['Chi đoàn Pú Nhung']);
		// One word too long for the line (an address) is cut too, never drawn past the edge.
		const [address] = wrap(`localhost:3000/bang-xep-hang/giai-thich?bang=${'1%7C'.repeat(30)}`, 600, 22, 400, 1);
		expect(address!.endsWith('…')).toBe(true);
		expect(address!.length).toBeLessThan(80);
	});

	it('are 1200×630 PNGs whose text is really drawn: another name gives another picture', async () => {
		const card = { kicker: 'Tỉnh đoàn Điện Biên', title: 'BẰNG KHEN', detail: 'Năm 2026', url: 'https://tienphong.example/khen-thuong/1' };
		const one = await shareCard({ ...card, name: 'Đoàn xã Ta Ma' });
		const meta = await sharp(one).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(['png', CARD_WIDTH, CARD_HEIGHT]);
		const pixels = async (png: Buffer) => (await sharp(png).raw().toBuffer()).toString('base64');
		expect(await pixels(await shareCard({ ...card, name: 'Đoàn xã Ta Ma' }))).toBe(await pixels(one));
		expect(await pixels(await shareCard({ ...card, name: 'Đoàn xã Quài Tở' }))).not.toBe(await pixels(one));
	});
});
