import { brotliCompressSync } from 'node:zlib';
import { vi } from '../../src/lib/i18n/vi';
import { expect, test } from './fixtures';

/** The board is what thousands of phones open at an event (issue 15's budget; bench/page-weight.ts prints the figures). */
const BOARD_SCRIPT_BUDGET = 50_000;

test('the board reaches a phone with at most 50 kB of script before it has loaded, and only the words it shows', async ({ page }) => {
	const bodies: Promise<{ url: string; body: Buffer }>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') bodies.push(response.body().then((body) => ({ url: response.url(), body })));
	});
	await page.goto('/bang-xep-hang', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-freshness', 'live');
	const askedBeforeLoad = new Set(
		await page.evaluate(() => {
			const loadAt = performance.getEntriesByType('navigation')[0]!.toJSON().loadEventStart as number;
			return performance
				.getEntriesByType('resource')
				.filter((entry) => entry.startTime < loadAt)
				.map((entry) => entry.name);
		})
	);
	const scripts = await Promise.all(bodies);
	const beforeLoad = scripts.filter((s) => askedBeforeLoad.has(s.url));
	const brotliBytes = beforeLoad.reduce((sum, s) => sum + brotliCompressSync(s.body).length, 0);
	expect(beforeLoad.length).toBeGreaterThan(0);
	expect(brotliBytes).toBeLessThanOrEqual(BOARD_SCRIPT_BUDGET);
	// The live link (socket.io's client) came after the load, and the board went live with it.
	expect(scripts.length).toBeGreaterThan(beforeLoad.length);

	const shipped = scripts.map((s) => s.body.toString('utf8')).join('\n');
	expect(shipped).toContain(vi['board.title']);
	// Words of the mail, the importer and another page's form stay where they are used.
	for (const key of ['mail.footer', 'import.twoTables', 'campaignForm.intro'] as const) expect(shipped).not.toContain(vi[key]);
});
