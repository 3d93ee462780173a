import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { open } from './helpers';

async function unitIdByName(page: Page, name: string): Promise<string> {
	await page.goto(`/don-vi?q=${encodeURIComponent(name)}`);
	const href = await page
		.getByTestId('unit-search-results')
		.getByRole('link', { name: new RegExp(name) })
		.first()
		.getAttribute('href');
	return href!.split('/').pop()!;
}

test('a district admin renames inside its district but not outside (403, nothing changed)', async ({ as }) => {
	const page = await as('tuangiao');
	const inside = await unitIdByName(page, 'Đoàn xã Mường Mùn');
	await open(page, `/quan-tri/don-vi/${inside}`);
	await expect(page.locator('#rename-name')).toHaveValue('Đoàn xã Mường Mùn');
	await page.locator('#rename-name').fill('Đoàn xã Mường Mùn (đổi tên)');
	await page.getByTestId('rename-submit').click();
	await expect(page.getByTestId('rename-done')).toHaveText('Đã đổi tên đơn vị.');

	const outside = await unitIdByName(page, 'Đoàn xã Thanh Xương');
	const pageResponse = await page.goto(`/quan-tri/don-vi/${outside}`);
	expect(pageResponse?.status()).toBe(403);
	const post = await page.request.post(`/quan-tri/don-vi/${outside}?/rename`, {
		form: { name: 'Bị đổi trộm', shortName: '' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
	await page.goto(`/don-vi/${outside}`);
	await expect(page.getByTestId('unit-name')).toHaveText('Đoàn xã Thanh Xương');
	await expect(page.getByTestId('manage-unit')).toHaveCount(0);
	await expect(page.getByText('Chưa có thay đổi nào.')).toBeVisible();
});

test('bad unit names are refused with a clear message and nothing is saved', async ({ as }) => {
	const page = await as('tinhdoan');
	const id = await unitIdByName(page, 'Đoàn xã Sín Thầu');
	await open(page, `/quan-tri/don-vi/${id}`);
	const name = page.locator('#rename-name');
	await name.fill('<script>window.__xss = 1</script>');
	await page.getByTestId('rename-submit').click();
	await expect(page.getByTestId('rename-name-error')).toHaveText('Tên đơn vị không được chứa ký tự < hoặc >.');
	await expect(name).toHaveValue('<script>window.__xss = 1</script>');
	await name.fill('Đ'.repeat(10_000));
	await page.getByTestId('rename-submit').click();
	await expect(page.getByTestId('rename-name-error')).toHaveText('Tên đơn vị quá dài (tối đa 120 ký tự).');
	await page.goto(`/don-vi/${id}`);
	await expect(page.getByTestId('unit-name')).toHaveText('Đoàn xã Sín Thầu');
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('merging two branches keeps both in history, shows the survivor and is audited', async ({ as }) => {
	const page = await as('tinhdoan');
	const parent = await unitIdByName(page, 'Đoàn xã Chung Chải');
	const stamp = Date.now().toString(36);
	const create = async (name: string) => {
		await open(page, `/quan-tri/don-vi/${parent}`);
		await page.locator('#create-name').fill(name);
		await page.getByTestId('create-submit').click();
		await expect(page.getByTestId('create-done')).toContainText(name);
		return (await page.getByTestId('created-link').getAttribute('href'))!.split('/').pop()!;
	};
	const retiring = await create(`Chi đoàn sáp nhập ${stamp}`);
	const survivor = await create(`Chi đoàn tiếp nhận ${stamp}`);

	await open(page, `/quan-tri/don-vi/${retiring}`);
	await page.getByLabel('Đơn vị tiếp nhận').selectOption(survivor);
	await page.getByTestId('merge-submit').click();
	await expect(page.getByTestId('merge-error')).toHaveCount(0);
	// Without the confirmation box the browser refuses to submit; tick it and merge.
	await page.getByLabel('Tôi xác nhận thao tác này').first().check();
	await page.getByTestId('merge-submit').click();

	await expect(page).toHaveURL(new RegExp(`/don-vi/${retiring}$`));
	await expect(page.getByTestId('unit-retired')).toContainText('Đã sáp nhập vào');
	await page.getByTestId('unit-successor').click();
	await expect(page.getByTestId('unit-name')).toHaveText(`Chi đoàn tiếp nhận ${stamp}`);
	await expect(page.getByTestId('unit-absorbed')).toContainText(`Chi đoàn sáp nhập ${stamp}`);

	await page.goto('/quan-tri/nhat-ky');
	const mergeRow = page
		.getByTestId('audit-rows')
		.locator('li', { hasText: 'sáp nhập đơn vị' })
		.filter({ hasText: `Chi đoàn sáp nhập ${stamp}` });
	// A sentence, not an action code.
	await expect(mergeRow.getByTestId('audit-sentence')).toHaveText(/^\s*Lò Văn Tỉnh\s+sáp nhập đơn vị/);
	await expect(mergeRow).toContainText(`Chi đoàn tiếp nhận ${stamp}`);
});

test('a secretary creates an account and hands over a one-time link that sets the password', async ({ as, browser, baseURL }) => {
	const page = await as('tama');
	await open(page, '/quan-tri/tai-khoan');
	const phone = `09${String(Date.now()).slice(-8)}`;
	await page.getByLabel('Họ và tên').fill('Lò Thị Ánh Tuyết');
	await page.getByLabel('Số điện thoại', { exact: true }).fill('12345');
	await page.getByTestId('create-person-submit').click();
	await expect(page.getByTestId('phone-error')).toHaveText('Số điện thoại không hợp lệ (ví dụ 0912345678).');
	await expect(page.getByLabel('Họ và tên')).toHaveValue('Lò Thị Ánh Tuyết');
	await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
	await page.getByTestId('create-person-submit').click();
	const link = await page.getByTestId('password-link').inputValue();
	await expect(page.getByTestId('password-link-qr')).toBeVisible();
	expect(link).toMatch(/\/dat-mat-khau\/[a-z2-9]+\.[a-z2-9]+$/);

	const phoneContext = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
	const member = await phoneContext.newPage();
	await open(member, new URL(link).pathname);
	await member.getByLabel('Mật khẩu mới').fill('12345678');
	await member.getByLabel('Nhập lại mật khẩu').fill('12345678');
	await member.getByTestId('set-password-submit').click();
	await expect(member.getByTestId('set-password-error')).toContainText('quá dễ đoán');
	await member.getByLabel('Mật khẩu mới').fill('hoa ban nở trắng núi rừng');
	await member.getByLabel('Nhập lại mật khẩu').fill('hoa ban nở trắng núi rừng');
	await member.getByTestId('set-password-submit').click();
	await expect(member.getByTestId('account-name')).toHaveText('Lò Thị Ánh Tuyết');
	// The link worked once.
	await member.goto(new URL(link).pathname);
	await expect(member.getByTestId('set-password-invalid')).toBeVisible();
	await phoneContext.close();
});
