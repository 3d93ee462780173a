import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'tienphong';

/**
 * Opens a page and waits until its scripts have taken over, so a test does not race hydration while typing
 * (what people type before that is kept: see the auth spec).
 */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
	await open(page, '/dang-nhap');
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
