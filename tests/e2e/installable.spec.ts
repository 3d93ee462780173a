import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { open } from './helpers';

test('the app installs, and a board opened before still shows without signal, saying how old it is', async ({ page, context }) => {
	await open(page, '/bang-xep-hang');
	const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
		lang: string;
		display: string;
		start_url: string;
		icons: Array<{ src: string; sizes: string; type: string }>;
	};
	expect(manifest).toMatchObject({ lang: 'vi', display: 'standalone', start_url: '/', short_name: 'Tiên Phong' });
	expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons) {
		const file = await page.request.get(icon.src);
		expect(file.headers()['content-type']).toBe('image/png');
		const { width, height } = await sharp(await file.body()).metadata();
		expect(`${width}x${height}`).toBe(icon.sizes);
	}
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

	// The service worker takes the page over, then keeps what it shows.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
	await open(page, '/bang-xep-hang');
	const leader = await page.getByTestId('board-rows').getByTestId('row-name').first().textContent();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('board-rows').getByTestId('row-name').first()).toHaveText(leader!);
	await expect(page.getByTestId('live-status')).toHaveText(/^Mất kết nối · số liệu lúc \d{2}:\d{2}$/);
	// A page never opened says so in Vietnamese, not with the browser's error page.
	await page.goto('/sang-kien/999999');
	await expect(page.getByRole('heading', { name: 'Mất kết nối' })).toBeVisible();
	await context.setOffline(false);
});
