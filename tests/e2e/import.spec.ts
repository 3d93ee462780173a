import { expect, test } from './fixtures';
import { csvFields as fields, expectNoHorizontalScroll, open } from './helpers';

test('a secretary fills the template, sees the preview row by row, confirms, and gets the password links', async ({ as }) => {
	const page = await as('tama');
	await open(page, '/quan-tri/nhap-du-lieu');
	await expectNoHorizontalScroll(page);

	// The template lists the secretary's own units with their codes.
	const unitsCsv = await (await page.request.get('/quan-tri/nhap-du-lieu/mau/mau-don-vi.csv')).text();
	const branch = unitsCsv
		.split('\r\n')
		.map(fields)
		.find((f) => f[1] === 'Chi đoàn bản Ta Ma');
	expect(branch?.[0]).toMatch(/^DV\d+$/);
	const header = fields((await (await page.request.get('/quan-tri/nhap-du-lieu/mau/mau-doan-vien.csv')).text()).split('\r\n')[0]!);
	expect(header).toContain('Số điện thoại');

	const digits = crypto.randomUUID().replace(/\D/g, '').padEnd(7, '7').slice(0, 7);
	const row = (name: string, phone: string) =>
		header.map((h) => ({ 'Họ và tên': name, 'Số điện thoại': phone, 'Mã đơn vị': branch![0]!, 'Ngày vào': '26/03/2025' })[h] ?? '');
	const bad = [header, row('Lò Văn Khánh', `093${digits}`), row('Quàng Thị Hoa', '12345')];
	const file = (rows: string[][]) => ({
		name: 'doan-vien.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\ufeff' + rows.map((r) => r.join(';')).join('\r\n'), 'utf8')
	});

	await page.locator('#file').setInputFiles(file(bad));
	await page.getByTestId('import-preview').click();
	await expect(page.getByTestId('import-errors')).toContainText('Dòng 3, cột Số điện thoại: “12345” không phải số điện thoại Việt Nam');
	await expect(page.getByTestId('import-confirm')).toHaveCount(0);

	const good = [header, row('Lò Văn Khánh', `093${digits}`), row('Quàng Thị Hoa', `094${digits}`)];
	await page.locator('#file').setInputFiles(file(good));
	await page.getByTestId('import-preview').click();
	await expect(page.getByTestId('people-create')).toHaveText('2');
	await expect(page.getByTestId('import-rows')).toContainText('Quàng Thị Hoa');
	await expectNoHorizontalScroll(page);
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('2 người mới');

	const download = page.waitForEvent('download');
	await page.getByTestId('import-links').click();
	const links = await (await download).path();
	const text = (await import('node:fs')).readFileSync(links, 'utf8');
	expect(text.split('\r\n').filter((l) => l.includes('/dat-mat-khau/'))).toHaveLength(2);

	// The same file again: nothing to do.
	await page.locator('#file').setInputFiles(file(good));
	await page.getByTestId('import-preview').click();
	await expect(page.getByTestId('people-unchanged')).toHaveText('2');
	await expect(page.getByTestId('import-confirm')).toHaveCount(0);
});
