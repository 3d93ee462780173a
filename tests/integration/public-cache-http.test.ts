import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { PERIOD, approveOverHttp, fetchSnapshot, prepareSubmittedWork, signIn, type PreparedWork } from '../helpers/live';

/**
 * The production server answers anonymous readers of the board from pages rendered once (server.ts,
 * lib/server/http/public-cache.ts): what they see must still be the board as the ledger stands, and nobody
 * signed in may be handed a page rendered for someone else.
 */
let server: RunningServer;
let work: PreparedWork;
const databasePath = tempDbPath();
beforeAll(async () => {
	work = await prepareSubmittedWork(databasePath, 1);
	server = await startServer({ DATABASE_PATH: databasePath });
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

const page = async (path: string, cookie?: string) => {
	const res = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
	expect(res.status).toBe(200);
	return res.text();
};

describe('anonymous readers of the public board', () => {
	it('see an approval on the page and in the snapshot as soon as it commits, though both are served from the cache', async () => {
		const key = `${work.campaignId}|district|${work.provinceId}|${PERIOD}`;
		const scoreIn = (snapshot: Awaited<ReturnType<typeof fetchSnapshot>>) =>
			snapshot.rows.find((r) => r.id === work.districtId)?.score ?? 0;
		const before = await fetchSnapshot(server.url, key);
		expect(scoreIn(await fetchSnapshot(server.url, key))).toBe(scoreIn(before));
		const boardBefore = await page('/bang-xep-hang?doi-tuong=district');
		expect(await page('/bang-xep-hang?doi-tuong=district')).toBe(boardBefore);

		expect(await approveOverHttp(server.url, await signIn(server.url, 'tuangiao'), work.initiatives[0]!)).toMatchObject({
			type: 'success'
		});

		const after = await fetchSnapshot(server.url, key);
		expect(after.version).toBeGreaterThan(before.version);
		expect(scoreIn(after)).toBeGreaterThan(scoreIn(before));
		const boardAfter = await page('/bang-xep-hang?doi-tuong=district');
		expect(boardAfter).not.toBe(boardBefore);
		expect(boardAfter).toContain(`version:${after.version}`);
	});

	it('never hand a signed-in member the page rendered for them, nor the reverse', async () => {
		const anonymous = await page('/bang-xep-hang');
		expect(anonymous).toContain('href="/dang-nhap');
		const cookie = await signIn(server.url, 'doanvien');
		const hers = await page('/bang-xep-hang', cookie);
		expect(hers).not.toContain('href="/dang-nhap');
		expect(hers).toContain('/dang-xuat');
		expect(await page('/bang-xep-hang')).toContain('href="/dang-nhap');
	});
});
