import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers';

test('open data: the figures as JSON with cache headers, 304 on If-None-Match, CSV with BOM, OpenAPI', async ({ request }) => {
	const first = await request.get('/api/v1/so-lieu');
	expect(first.status()).toBe(200);
	expect(first.headers()['cache-control']).toBe('public, max-age=60');
	const etag = first.headers()['etag']!;
	expect(etag).toMatch(/^"[\w-]+"$/);
	const data = await first.json();
	expect(data.campaign.name).toContain('Chuyển đổi số');
	expect(typeof data.works.approved).toBe('number');
	expect(Array.isArray(data.measures)).toBe(true);
	const again = await request.get('/api/v1/so-lieu', { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
	const csv = await request.get('/api/v1/so-lieu.csv');
	expect(csv.status()).toBe(200);
	expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const spec = await request.get('/api/v1/openapi.json');
	expect((await spec.json()).openapi).toBe('3.1.0');
	expect((await request.get('/api/v1/so-lieu?phong-trao=khong-co')).status()).toBe(404);
});

test('the open-data page is reached from the figures page and links the endpoints', async ({ page }) => {
	await page.goto('/so-lieu');
	await page.getByTestId('figures-downloads').locator('summary').click();
	await page.getByTestId('figures-open-data').click();
	await expect(page.getByRole('heading', { name: 'Dữ liệu mở' })).toBeVisible();
	await expect(page.getByTestId('open-data').getByRole('link', { name: '/api/v1/so-lieu.csv' })).toBeVisible();
	await expectNoHorizontalScroll(page);
});
