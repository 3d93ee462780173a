import { join } from 'node:path';
import { expect, test } from './fixtures';
import { open } from './helpers';

const TA_MA = join(import.meta.dirname, '../../campaigns/001-ubnd-xa-ta-ma.json');

test('the province admin imports campaign 001 from its file: preview first, then confirm', async ({ as }) => {
	const page = await as('tinhdoan');
	await open(page, '/quan-tri/phong-trao/nhap');
	await page.getByTestId('campaign-file').setInputFiles(TA_MA);
	// The file's owner (UBND xã Ta Ma) is not in the demo tree: the admin picks the commune's union.
	await page.getByTestId('campaign-owner').selectOption({ label: 'Đoàn xã Ta Ma' });
	await page.getByTestId('campaign-preview-button').click();
	const preview = page.getByTestId('campaign-preview');
	await expect(preview).toContainText('Sẽ tạo phong trào mới');
	await expect(preview).toContainText('12 loại hoạt động (18 kết quả, 1 ràng buộc giữa kết quả)');
	await expect(page.getByTestId('campaign-changes')).toContainText('Thêm kỳ “Giai đoạn II (2026 - 2030)”');
	await page.getByTestId('campaign-confirm').click();
	await expect(page.getByTestId('campaign-imported')).toContainText('Đã nhập tệp phong trào');

	// Importing the same file again changes nothing.
	await page.getByTestId('campaign-file').setInputFiles(TA_MA);
	await page.getByTestId('campaign-preview-button').click();
	await expect(page.getByTestId('campaign-preview')).toContainText('Sẽ cập nhật phong trào đã có cùng mã');
	await expect(page.getByTestId('campaign-preview')).toContainText('Không có gì thay đổi.');
});

test('a broken file is refused with the path of each error', async ({ as }) => {
	const page = await as('tinhdoan');
	await open(page, '/quan-tri/phong-trao/nhap');
	const broken = { format: 'tien-phong/campaign@1', slug: 'hong', name: 'Hỏng' };
	await page
		.getByTestId('campaign-file')
		.setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
	await page.getByTestId('campaign-preview-button').click();
	const errors = page.getByTestId('campaign-file-errors');
	await expect(errors).toContainText('theme: thiếu trường bắt buộc');
	await expect(errors).toContainText('periods: thiếu trường bắt buộc');
});
