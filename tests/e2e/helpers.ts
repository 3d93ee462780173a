import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'tienphong';

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/dang-nhap');
	await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByTestId('login-submit').click();
	await expect(page).not.toHaveURL(/dang-nhap/);
}

/** Nothing may stick out sideways on a 360 px phone. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

/** The main navigation as the visitor sees it (top bar on desktop, bottom bar on phones). */
export function mainNav(page: Page) {
	return page.locator('nav[aria-label="Điều hướng chính"]:visible');
}
