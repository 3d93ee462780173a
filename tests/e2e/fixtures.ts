import sharp from 'sharp';
import { existsSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type TestInfo
} from '@playwright/test';
import { open, statePath, vnDay, type Role } from './helpers';

const PHOTO_COLOURS = ['#c0392b', '#27ae60', '#2980b9', '#8e44ad', '#f39c12', '#16a085', '#d35400', '#2c3e50', '#7f8c8d'];

function photoPaths(dir: string): Record<string, string> {
	const files: Record<string, string> = {};
	for (const i of PHOTO_COLOURS.keys()) files[`jpeg${i + 1}`] = join(dir, `anh-${i + 1}.jpg`);
	return { ...files, pdf: join(dir, 'bao-cao.jpg'), svg: join(dir, 'logo.jpg'), huge: join(dir, 'toan-canh.png') };
}

/**
 * Photo files for upload tests, made fresh with sharp (nothing binary is committed) once per run: the first
 * worker to finish moves its folder into place (a directory rename is atomic) and later ones reuse it.
 */
export async function makePhotoFiles(): Promise<Record<string, string>> {
	const runDir = process.env.E2E_RUN_DIR;
	const shared = runDir ? join(runDir, 'photos') : null;
	if (shared && existsSync(shared)) return photoPaths(shared);
	const dir = mkdtempSync(join(runDir ?? tmpdir(), 'tienphong-photos-'));
	const files = photoPaths(dir);
	for (const [i, colour] of PHOTO_COLOURS.entries()) {
		let image = sharp({ create: { width: 2400, height: 1600, channels: 3, background: colour } }).jpeg({ quality: 80 });
		// The first one carries a GPS position, as phone photos do: it must not survive the upload.
		if (i === 0)
			image = image.withExif({
				IFD0: { Make: 'Xiaomi', Model: 'Redmi 9A' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 23/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '103/1 1/1 0/1' }
			});
		writeFileSync(files[`jpeg${i + 1}`]!, await image.toBuffer());
	}
	writeFileSync(files.pdf!, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
	writeFileSync(files.svg!, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
	writeFileSync(
		files.huge!,
		await sharp({ create: { width: 10000, height: 6000, channels: 3, background: '#ffffff' } })
			.png({ compressionLevel: 9 })
			.toBuffer()
	);
	if (!shared) return files;
	try {
		renameSync(dir, shared);
		return photoPaths(shared);
	} catch {
		// Another worker got there first (or the rename is not possible): these files are just as good.
		return files;
	}
}

/**
 * Another person in the same project (same viewport and server): signed in as `role` from the cookies the
 * setup project saved (auth.setup.ts), or an anonymous visitor without one.
 */
export async function newPerson(
	browser: Browser,
	info: TestInfo,
	role?: Role,
	extra: Pick<BrowserContextOptions, 'bypassCSP'> = {}
): Promise<BrowserContext> {
	const use = info.project.use;
	return browser.newContext({
		...extra,
		baseURL: use.baseURL,
		viewport: use.viewport,
		isMobile: use.isMobile,
		hasTouch: use.hasTouch,
		userAgent: use.userAgent,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		// Always set, so a context never picks up a storage state from the test's own options.
		storageState: role ? statePath(use.baseURL, role) : undefined
	});
}

/**
 * The messages a page asked for and its scripts did not carry (the browser gets only the messages its modules
 * name: a key built where the build cannot see it shows as the key itself).
 */
export function missingMessages(page: Page): string[] {
	const missing: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && message.text().startsWith('[i18n]')) missing.push(message.text());
	});
	return missing;
}

/**
 * `as('tama')` opens a page signed in as that demo role, in a context of its own (each call is one more
 * device); contexts still open when the test ends are closed then. `page` stays an anonymous visitor.
 * Either fails the test if a page it showed lacked a message.
 */
export const test = base.extend<{ as: (role: Role) => Promise<Page> }>({
	page: async ({ page }, use) => {
		const missing = missingMessages(page);
		await use(page);
		expect(missing).toEqual([]);
	},
	as: async ({ browser }, use, info) => {
		const contexts: BrowserContext[] = [];
		const missing: string[][] = [];
		await use(async (role) => {
			const context = await newPerson(browser, info, role);
			contexts.push(context);
			const page = await context.newPage();
			missing.push(missingMessages(page));
			return page;
		});
		await Promise.all(contexts.map((context) => context.close()));
		expect(missing.flat()).toEqual([]);
	}
});
export { expect };

/**
 * Logs a VNeID initiative for 100 people as the signed-in secretary of Đoàn xã Ta Ma (dated `day`, by default
 * yesterday in Vietnam) and saves it; returns its id. The demo rule prices it at 10 + 100/10 = 20 points.
 */
export async function logVneidInitiative(
	page: Page,
	title: string,
	opts: { participant?: string; story?: string; day?: string } = {}
): Promise<string> {
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await page.getByTestId('measure-people').filter({ visible: true }).fill('100');
	await page.locator('#story').fill(opts.story ?? 'Câu chuyện');
	await page.locator('#startedOn').fill(opts.day ?? vnDay(-1));
	await page.locator('#place').fill('Bản Ta Ma');
	if (opts.participant) await page.getByLabel(opts.participant).check();
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	return new URL(page.url()).pathname.split('/')[2]!;
}
