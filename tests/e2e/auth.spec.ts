import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, login, mainNav, open } from './helpers';

// The one spec that signs in through the form (and out again): the other specs use the sessions the setup
// project saved (auth.setup.ts). Sessions made here are this spec's own, so logging out ends nobody else's.

const ROLES = [
	{ username: 'tinhdoan', admin: true, verifier: true, role: 'Quản trị cấp tỉnh', unit: 'Tỉnh đoàn Điện Biên' },
	{ username: 'tuangiao', admin: true, verifier: true, role: 'Quản trị, xác nhận cấp huyện', unit: 'Huyện đoàn Tuần Giáo' },
	{ username: 'tama', admin: true, verifier: false, role: 'Bí thư đơn vị', unit: 'Đoàn xã Ta Ma' },
	{ username: 'doanvien', admin: false, verifier: false, role: 'Đoàn viên', unit: 'Chi đoàn bản Ta Ma' }
];

for (const account of ROLES) {
	test(`${account.username} signs in and sees a navigation that fits the role`, async ({ page }) => {
		await login(page, account.username);
		const nav = mainNav(page);
		await expect(nav.getByRole('link', { name: 'Của tôi' })).toBeVisible();
		await expect(nav.getByRole('link', { name: 'Quản trị' })).toHaveCount(account.admin ? 1 : 0);
		await expect(nav.getByRole('link', { name: 'Duyệt' })).toHaveCount(account.verifier ? 1 : 0);
		await nav.getByRole('link', { name: 'Của tôi' }).click();
		await page.getByRole('main').getByRole('link', { name: 'Tài khoản' }).click();
		await expect(page.getByTestId('account-roles')).toContainText(account.role);
		await expect(page.getByTestId('account-roles')).toContainText(account.unit);
		await expectNoHorizontalScroll(page);
	});
}

test('what a person types before the scripts arrive is kept when the page comes alive', async ({ page }) => {
	let release!: () => void;
	const scriptsHeld = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	// Module scripts hold back DOMContentLoaded, so wait only for the server-rendered form.
	await page.goto('/dang-nhap', { waitUntil: 'commit' });
	await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill('tama');
	release();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expect(page.getByLabel('Số điện thoại, email hoặc tên đăng nhập')).toHaveValue('tama');
});

test('a member gets 403 on an admin page', async ({ as }) => {
	const page = await as('doanvien');
	for (const path of ['/quan-tri', '/quan-tri/don-vi', '/quan-tri/tai-khoan', '/quan-tri/nhat-ky']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByTestId('error-page')).toContainText('Bạn không có quyền');
	}
});

test('an anonymous visitor is sent to the login page and back', async ({ page }) => {
	await page.goto('/quan-tri/don-vi');
	await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri%2Fdon-vi/);
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill('tinhdoan');
	await page.getByLabel('Mật khẩu').fill('tienphong');
	await page.getByTestId('login-submit').click();
	await expect(page).toHaveURL(/\/quan-tri\/don-vi$/);
});

test('a wrong password gets the same message as an unknown account, then a pause', async ({ page }) => {
	await open(page, '/dang-nhap');
	const tryLogin = async (identifier: string, password: string) => {
		await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill(identifier);
		await page.getByLabel('Mật khẩu').fill(password);
		// Each attempt waits for its own answer: the message on screen may still be the previous one.
		const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/dang-nhap');
		await page.getByTestId('login-submit').click();
		await answered;
		return page.getByTestId('login-error');
	};
	const unknown = `khong-ai-co-${Date.now().toString(36)}@example.vn`;
	await expect(await tryLogin('tuangiao', 'sai-mat-khau')).toHaveText('Thông tin đăng nhập không đúng.');
	await expect(await tryLogin(unknown, 'sai-mat-khau')).toHaveText('Thông tin đăng nhập không đúng.');
	// Throttled per account: after a few failures even the right password must wait.
	for (let i = 0; i < 3; i++) await tryLogin(unknown, 'sai-mat-khau');
	await expect(await tryLogin(unknown, 'tienphong')).toHaveText(/Bạn đã thử quá nhiều lần\. Vui lòng thử lại sau \d+ giây\./);
	await expect(page.getByLabel('Số điện thoại, email hoặc tên đăng nhập')).toHaveValue(unknown);
});

test('logging out ends the session on the server', async ({ page, context }) => {
	await login(page, 'tama');
	const cookie = (await context.cookies()).find((c) => c.name === 'tp_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	await page.goto('/dang-xuat');
	await page.getByTestId('logout-confirm').click();
	await expect(mainNav(page).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
	// Replaying the old cookie gets nobody in.
	await context.addCookies([{ ...cookie!, expires: -1 }]);
	await page.goto('/tai-khoan');
	await expect(page).toHaveURL(/dang-nhap/);
});
