import { expect, test, type Page } from '@playwright/test';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expectNoHorizontalScroll, login, mainNav, open } from './helpers';
import { newPerson } from './fixtures';

const PASSWORD = 'hoa ban trắng đèo Tông Khoăng';

/** What the person's authenticator app shows now, from the key printed under the QR code. */
const appCode = (manualKey: string) => generateTOTP(decodeBase32IgnorePadding(manualKey.replace(/\s/g, '')), 30, 6);
const stepNow = () => Math.floor(Date.now() / 30_000);

async function signInWithPassword(page: Page, phone: string): Promise<void> {
	await open(page, '/dang-nhap');
	await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill(phone);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByTestId('login-submit').click();
}

test('a district admin turns on the second factor on a phone, signs out and signs in again with a code', async ({
	page,
	browser
}, info) => {
	// A code is accepted once: signing in waits for the app's next code (up to 30 s).
	test.setTimeout(120_000);

	// A fresh district admin, made by the province admin: enrolling a demo account would change how every
	// other spec signs in.
	await login(page, 'tinhdoan');
	await open(page, '/quan-tri/tai-khoan');
	const phone = `08${String(Date.now()).slice(-8)}`;
	await page.getByLabel('Họ và tên').fill('Quàng Văn Khoá');
	await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
	const unit = await page.locator('#unitId option', { hasText: 'Huyện đoàn Mường Chà' }).getAttribute('value');
	await page.locator('#unitId').selectOption(unit!);
	await page.locator('#role').selectOption('district_admin');
	await page.getByTestId('create-person-submit').click();
	const link = await page.getByTestId('password-link').inputValue();

	const context = await newPerson(browser, info);
	const admin = await context.newPage();
	await open(admin, new URL(link).pathname);
	await admin.getByLabel('Mật khẩu mới').fill(PASSWORD);
	await admin.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
	await admin.getByTestId('set-password-submit').click();
	await expect(admin.getByTestId('account-name')).toHaveText('Quàng Văn Khoá');

	// Enrolment: the reminder, the QR code and the key, a wrong code refused, the right one turns it on.
	await expect(admin.getByTestId('second-factor-due')).toContainText('cần bật xác thực hai bước trước');
	await admin.getByRole('link', { name: 'Quản lý xác thực hai bước' }).click();
	await expect(admin.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await admin.getByTestId('second-factor-start').click();
	await expect(admin.getByTestId('totp-qr')).toBeVisible();
	const key = (await admin.getByTestId('totp-key').textContent())!.trim();
	expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
	await expectNoHorizontalScroll(admin);
	await admin.getByLabel('Bước 2. Nhập mã 6 chữ số ứng dụng đang hiện.').fill('12345');
	await admin.getByTestId('second-factor-confirm').click();
	await expect(admin.getByTestId('second-factor-error')).toHaveText('Mã gồm đúng 6 chữ số.');
	const enrolledAt = stepNow();
	await admin.getByLabel('Bước 2. Nhập mã 6 chữ số ứng dụng đang hiện.').fill(appCode(key));
	await admin.getByTestId('second-factor-confirm').click();
	await expect(admin.getByTestId('recovery-codes')).toContainText('Đã bật xác thực hai bước.');
	await expect(admin.getByTestId('recovery-code')).toHaveCount(10);
	await expect(admin.getByTestId('second-factor-on')).toContainText('Còn 10 mã khôi phục chưa dùng.');
	await expectNoHorizontalScroll(admin);

	// Sign out, then the password alone is not enough.
	await open(admin, '/tai-khoan');
	await expect(admin.getByTestId('second-factor-due')).toHaveCount(0);
	// Signing out is one tap from "Của tôi" in the phone's bottom bar.
	await mainNav(admin).getByRole('link', { name: 'Của tôi' }).click();
	await admin.getByTestId('logout-mobile').click();
	await expect(mainNav(admin).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
	await signInWithPassword(admin, phone);
	await expect(admin).toHaveURL(/\/dang-nhap\/ma-xac-thuc/);
	await expect(mainNav(admin).getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
	await expect(admin.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expectNoHorizontalScroll(admin);
	const wrong = appCode(key) === '000000' ? '111111' : '000000';
	await admin.getByLabel('Mã 6 chữ số hoặc mã khôi phục').fill(wrong);
	await admin.getByTestId('code-submit').click();
	await expect(admin.getByTestId('code-error')).toHaveText('Mã không đúng hoặc đã được dùng.');
	await expect(admin).toHaveURL(/\/dang-nhap\/ma-xac-thuc/);

	if (stepNow() === enrolledAt) await admin.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
	await admin.getByLabel('Mã 6 chữ số hoặc mã khôi phục').fill(appCode(key));
	await admin.getByTestId('code-submit').click();
	await expect(admin).toHaveURL(/\/$/);
	await expect(mainNav(admin).getByRole('link', { name: 'Duyệt' })).toBeVisible();
	await expect(admin.getByTestId('signed-in-as')).toBeVisible();
	await context.close();
});
