import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, mainNav } from './helpers';

test('the home page speaks Vietnamese and shows the campaign', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/Tiên Phong/);
	await expect(page.getByTestId('home-title')).toHaveText('Tuổi trẻ Điện Biên tiên phong chuyển đổi số');
	await expect(page.getByTestId('figure-districts')).toHaveText('13');
	// The demo notice is a landmark of its own: nothing sits outside one.
	await expect(page.getByRole('complementary', { name: 'Dữ liệu mẫu' })).toHaveText('Dữ liệu mẫu để trình diễn — không phải số liệu thật.');
	await expect(page.getByText('10/07/2023 – 31/12/2030')).toBeVisible();
	await expect(mainNav(page).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
	await expectNoHorizontalScroll(page);
});

test('the unit tree leads from the province to a branch', async ({ page }) => {
	await page.goto('/don-vi');
	const tree = page.getByTestId('unit-tree');
	await expect(tree.getByRole('link', { name: 'Tỉnh đoàn Điện Biên' })).toBeVisible();
	await expect(tree.getByRole('link', { name: 'Huyện đoàn Tuần Giáo' })).toBeVisible();
	// A district's branches fold away behind a toggle of their own, beside (not around) the district's link.
	await expect(tree.getByRole('link', { name: 'Đoàn xã Ta Ma' })).toBeHidden();
	await tree.getByTestId('unit-tree-toggle').filter({ hasText: 'Đơn vị trực thuộc Huyện đoàn Tuần Giáo' }).click();
	await expect(tree.getByRole('link', { name: 'Đoàn xã Ta Ma' })).toBeVisible();
	await expect(page).toHaveURL(/\/don-vi$/);
	await expectNoHorizontalScroll(page);
	await tree.getByRole('link', { name: 'Huyện đoàn Tuần Giáo' }).click();
	await expect(page.getByTestId('unit-name')).toHaveText('Huyện đoàn Tuần Giáo');
	await page
		.getByTestId('unit-children')
		.getByRole('link', { name: /Đoàn xã Ta Ma/ })
		.click();
	await expect(page.getByTestId('unit-name')).toHaveText('Đoàn xã Ta Ma');
	await expect(page.getByRole('navigation', { name: 'Trực thuộc' }).getByRole('link', { name: 'Huyện đoàn Tuần Giáo' })).toBeVisible();
	await expect(page.getByTestId('unit-children')).toContainText('Chi đoàn bản Ta Ma');
	// Its works, and those of every branch under it, are one tap away.
	await expect(page.getByTestId('unit-works')).toHaveAttribute('href', /^\/sang-kien\?don-vi=\d+$/);
	expect(Number(await page.getByTestId('unit-members').textContent())).toBeGreaterThan(0);
	await expectNoHorizontalScroll(page);
});

test('search finds units with or without diacritics', async ({ page }) => {
	await page.goto('/don-vi?q=ta+ma');
	await expect(page.getByTestId('unit-search-results').getByRole('link', { name: /Đoàn xã Ta Ma/ })).toBeVisible();
	await page.getByTestId('unit-search').fill('mường nhé');
	await page.getByTestId('unit-search').press('Enter');
	await expect(page.getByTestId('unit-search-results').getByRole('link', { name: /Huyện đoàn Mường Nhé/ })).toBeVisible();
});

test('an unknown unit is a Vietnamese 404 page', async ({ page }) => {
	for (const path of ['/don-vi/987654', '/don-vi/khong-co']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByTestId('error-page')).toContainText('Không tìm thấy');
		await expect(page.getByRole('link', { name: 'Về trang chủ' })).toBeVisible();
	}
});

test('the health endpoint answers', async ({ request }) => {
	const res = await request.get('/api/health');
	expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'off' });
});
