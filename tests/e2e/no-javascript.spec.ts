import { mainNav } from './helpers';
import { expect, test } from './fixtures';

// Forms are plain HTML forms with server actions: on a phone whose scripts never arrive, they still work.
test.use({ javaScriptEnabled: false });

test('without JavaScript, a failed login keeps what was typed and a good one signs in', async ({ page }) => {
	await page.goto('/dang-nhap');
	await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill('tama');
	await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
	await page.getByTestId('login-submit').click();
	await expect(page.getByTestId('login-error')).toHaveText('Thông tin đăng nhập không đúng.');
	await expect(page.getByLabel('Số điện thoại, email hoặc tên đăng nhập')).toHaveValue('tama');
	await page.getByLabel('Mật khẩu').fill('tienphong');
	await page.getByTestId('login-submit').click();
	await expect(mainNav(page).getByRole('link', { name: 'Của tôi' })).toBeVisible();
});

test('without JavaScript, a unit admin page shows current values and refills a refused form', async ({ as }) => {
	// Signed in from the saved session (the test above is the one for the form); scripts are off here too, since
	// every context of this file inherits javaScriptEnabled: false.
	const page = await as('tinhdoan');
	await page.goto('/don-vi?q=nam+po');
	await page
		.getByTestId('unit-search-results')
		.getByRole('link', { name: /Huyện đoàn Nậm Pồ/ })
		.click();
	await page.getByTestId('manage-unit').click();
	await expect(page.locator('#rename-name')).toHaveValue('Huyện đoàn Nậm Pồ');
	await page.locator('#create-name').fill('Chi đoàn <b>đậm</b>');
	await page.getByTestId('create-submit').click();
	await expect(page.getByTestId('create-name-error')).toHaveText('Tên đơn vị không được chứa ký tự < hoặc >.');
	await expect(page.locator('#create-name')).toHaveValue('Chi đoàn <b>đậm</b>');
	await expect(page.locator('#rename-name')).toHaveValue('Huyện đoàn Nậm Pồ');
});
