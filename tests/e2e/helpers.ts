import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import sharp from 'sharp';
import jsQR from 'jsqr';

export const DEMO_PASSWORD = 'tienphong';

/** The demo accounts (src/lib/server/seed/demo.ts): province admin, district admin and verifier, unit admin, member. */
export const DEMO_ROLES = ['tinhdoan', 'tuangiao', 'tama', 'doanvien'] as const;
export type Role = (typeof DEMO_ROLES)[number];

/**
 * Where the setup project (auth.setup.ts) keeps a role's signed-in cookies for one server. Each server has its
 * own database, so its own sessions: the file is named after the server's address. It lives in the run's
 * scratch folder (E2E_RUN_DIR, made by playwright.config.ts), never in the repository.
 */
export function statePath(baseURL: string | undefined, role: Role): string {
	const runDir = process.env.E2E_RUN_DIR;
	if (!runDir || !baseURL) throw new Error('E2E_RUN_DIR and baseURL come from playwright.config.ts');
	return join(runDir, 'signed-in', `${new URL(baseURL).host.replace(/[^a-z0-9.-]/gi, '_')}-${role}.json`);
}

const VN_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The one clock for dates in test data: the calendar day `offsetDays` from today in Vietnam, "YYYY-MM-DD".
 * The server decides "today" and "this year" in Vietnam's time, so a UTC day (toISOString) is a day behind
 * between 00:00 and 07:00 there, and a year behind on the morning of 1 January. (No daylight saving time in
 * Vietnam: a day is always 24 hours.)
 */
export function vnDay(offsetDays = 0): string {
	const p = Object.fromEntries(VN_DAY.formatToParts(new Date(Date.now() + offsetDays * 86_400_000)).map((x) => [x.type, x.value]));
	return `${p.year}-${p.month}-${p.day}`;
}

/** A day of last year: work dated then leaves this year's boards (which the live tests read) as the demo has them. */
export function lastYearDay(): string {
	return `${Number(vnDay().slice(0, 4)) - 1}-06-15`;
}

/**
 * Photos are genuinely heavy work: the browser shrinks each picked photo (decodes a 2400×1600 JPEG, redraws and
 * encodes it) and the server re-encodes every upload with sharp (two WebP sizes, metadata dropped). On a busy
 * 2-core machine that takes seconds per photo, so only the steps that wait for it get this budget instead of
 * the 5 s given to ordinary updates.
 */
export const PHOTO_WORK = { timeout: 20_000 };

/**
 * Opens a page and waits until its scripts have taken over, so a test does not race hydration while typing
 * (what people type before that is kept: see the auth spec).
 */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
}

/** Signs in through the form; `server` is another server's address (a page's own server when empty). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD, server = ''): Promise<void> {
	await open(page, `${server}/dang-nhap`);
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

/** Fields of one CSV line as our own exports write them (every field quoted, a leading ' before = + - @). */
export const csvFields = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"').replace(/^'/, ''));

/** What a phone's camera reads from the QR code an element shows. */
export async function readQr(element: Locator): Promise<string | null> {
	const { data, info } = await sharp(await element.screenshot())
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}
