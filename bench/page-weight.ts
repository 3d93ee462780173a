/**
 * JavaScript a phone downloads on the first load of a page (issue 15's budget: ≤ 50 kB compressed on the board),
 * measured with the real browser against a running server: every script fetched until the network is idle,
 * each counted at its brotli size (split into what comes before the load event and what follows it) (the build precompresses its assets with brotli; what a phone gets).
 *
 *   npm run build && DATABASE_PATH=/tmp/w/app.db PORT=3000 node build/server.js &
 *   BASE_URL=http://localhost:3000 node --import tsx bench/page-weight.ts / /bang-xep-hang /sang-kien
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const BUDGET_KB = 50;
const base = process.env.BASE_URL ?? 'http://localhost:3000';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/bang-xep-hang'];

const brotliBytes = (body: Buffer) =>
	brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
const kB = (bytes: number) => (bytes / 1000).toFixed(1).padStart(6);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
	for (const path of paths) {
		const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const bodies: Promise<{ url: string; raw: number; brotli: number }>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() !== 'script') return;
			bodies.push(response.body().then((body) => ({ url: response.url(), raw: body.length, brotli: brotliBytes(body) })));
		});
		const response = await page.goto(base + path, { waitUntil: 'networkidle' });
		if (!response?.ok()) throw new Error(`${path}: ${response?.status() ?? 'no answer'}`);
		// The browser's own clock says which script was asked for before the load event.
		const askedAfterLoad = new Set(
			await page.evaluate(() => {
				const loadAt = performance.getEntriesByType('navigation')[0]!.toJSON().loadEventStart as number;
				return performance
					.getEntriesByType('resource')
					.filter((entry) => entry.startTime >= loadAt)
					.map((entry) => entry.name);
			})
		);
		const scripts = (await Promise.all(bodies)).map((s) => ({ ...s, url: new URL(s.url).pathname, afterLoad: askedAfterLoad.has(s.url) }));
		await page.close();
		const sum = (list: typeof scripts) => list.reduce((total, s) => total + s.brotli, 0);
		const untilLoad = sum(scripts.filter((s) => !s.afterLoad));
		console.log(
			`${path}: until the load event ${kB(untilLoad)} kB brotli — goal ≤ ${BUDGET_KB} kB: ${untilLoad <= BUDGET_KB * 1000 ? 'met' : 'missed'}; ` +
				`with what follows (the live link) ${kB(sum(scripts))} kB; ${scripts.length} scripts, ${kB(scripts.reduce((t, s) => t + s.raw, 0))} kB raw`
		);
		for (const s of scripts.sort((a, b) => b.brotli - a.brotli))
			console.log(`  ${kB(s.brotli)} kB  ${s.afterLoad ? 'after load ' : 'until load '} ${s.url}`);
	}
} finally {
	await browser.close();
}
