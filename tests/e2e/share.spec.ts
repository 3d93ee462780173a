import sharp from 'sharp';
import { open } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';
import type { Page } from '@playwright/test';

/** The og:image of the page open in `page`, fetched as a crawler would (no cookies): its width and height. */
async function ogImageSize(page: Page): Promise<{ url: string; width?: number; height?: number }> {
	const url = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
	const response = await page.request.get(url, { headers: { cookie: '' } });
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('image/png');
	const { width, height } = await sharp(await response.body()).metadata();
	return { url, width, height };
}

test('a public story shares as a card: og tags, a 1200×630 image, the phone’s share sheet or the link copied', async ({
	page,
	browser
}) => {
	await open(page, '/sang-kien');
	await page.getByTestId('initiative-feed').locator('a[href^="/sang-kien/"]').first().click();
	await expect(page).toHaveURL(/\/sang-kien\/\d+$/);
	const address = page.url();
	const title = (await page.getByTestId('initiative-title').textContent())!;
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
	await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', address);
	const image = await ogImageSize(page);
	expect(image).toEqual({ url: `${address}/the-chia-se.png`, width: 1200, height: 630 });

	// Where the phone has a share sheet, it gets the story's title and address.
	const shared = await browser.newContext({ baseURL: new URL(address).origin });
	await shared.addInitScript(() => {
		Object.defineProperty(navigator, 'share', {
			value: (data: ShareData) => {
				(window as unknown as { sharedWith: ShareData }).sharedWith = data;
				return Promise.resolve();
			}
		});
	});
	const phone = await shared.newPage();
	await phone.goto(address);
	await phone.getByTestId('share').click();
	expect(await phone.evaluate(() => (window as unknown as { sharedWith: ShareData }).sharedWith)).toEqual({ title, url: address });
	await shared.close();

	// Where it has none, the link is copied and the page says so.
	const copying = await browser.newContext({ baseURL: new URL(address).origin, permissions: ['clipboard-read', 'clipboard-write'] });
	await copying.addInitScript(() => Object.defineProperty(navigator, 'share', { value: undefined }));
	const desk = await copying.newPage();
	await desk.goto(address);
	await desk.getByTestId('share').click();
	await expect(desk.getByTestId('share-copied')).toHaveText('Đã chép đường dẫn, dán vào Zalo hoặc Facebook để chia sẻ.');
	expect(await desk.evaluate(() => navigator.clipboard.readText())).toBe(address);
	await copying.close();
});

test('work nobody else may read has no card and no share button', async ({ as, page }) => {
	const secretary = await as('tama');
	const id = await logVneidInitiative(secretary, `Bản nháp chưa chia sẻ ${Date.now().toString(36)}`);
	await open(secretary, `/sang-kien/${id}`);
	await expect(secretary.getByTestId('initiative-title')).toBeVisible();
	await expect(secretary.getByTestId('share')).toHaveCount(0);
	await expect(secretary.locator('meta[property="og:image"]')).toHaveCount(0);
	expect((await page.request.get(`/sang-kien/${id}/the-chia-se.png`)).status()).toBe(404);
});

test('a badge shares as a card with its holder', async ({ as, page }) => {
	const member = await as('doanvien');
	await open(member, '/toi');
	const href = await member.getByTestId('my-badge-link').first().getAttribute('href');
	await open(page, href!);
	const holder = (await page.getByTestId('badge-holder').textContent())!;
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', new RegExp(`· ${holder}$`));
	expect(await ogImageSize(page)).toMatchObject({ width: 1200, height: 630 });
	await expect(page.getByTestId('share')).toBeVisible();
});

test('a rank shares as a card from its explain page', async ({ page }) => {
	await open(page, '/bang-xep-hang');
	const row = page.getByTestId('board-rows').locator('li').first();
	const name = (await row.getByTestId('row-name').textContent())!.trim();
	const rank = (await row.getByTestId('rank').textContent())!.trim();
	await row.locator('a[href^="/bang-xep-hang/giai-thich"]').click();
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', `Hạng ${rank} · ${name}`);
	const image = await ogImageSize(page);
	expect(image).toMatchObject({ width: 1200, height: 630 });
	expect(new URL(image.url).pathname).toBe('/bang-xep-hang/giai-thich/the-chia-se.png');
	await expect(page.getByTestId('share')).toBeVisible();
	expect((await page.request.get('/bang-xep-hang/giai-thich/the-chia-se.png?bang=evil&id=1')).status()).toBe(404);
});
