import type { Page } from '@playwright/test';
import { expectNoHorizontalScroll, open, vnDay } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';

// The work is dated yesterday in Vietnam and its points count in that day's year (this year, except on 1 January).
const DAY = vnDay(-1);
// Grassroots unions, province-wide, that year, content area 1.4 (VNeID): Đoàn xã Ta Ma is mid-table in the demo.
const BOARD = `/bang-xep-hang?doi-tuong=grassroots&ky=Y${DAY.slice(0, 4)}&linh-vuc=1.4`;
const score = (text: string | null) => Number((text ?? '').replace(/\./g, ''));

async function logAndSubmit(page: Page, title: string): Promise<string> {
	// The secretary worked on it too: their first approved work earns them the "first step" badge.
	const id = await logVneidInitiative(page, title, {
		participant: 'Lường Văn Ma',
		story: 'Cả đội đi từng nhà hướng dẫn bà con kích hoạt VNeID.',
		day: DAY
	});
	await page.getByTestId('submit-initiative').click();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	return id;
}

test('an approval reaches an open leaderboard live: the row moves, the story enters the ticker, the member sees their badge', async ({
	as
}) => {
	test.setTimeout(60_000);
	const page = await as('tama');
	const title = `Trực tiếp ${Date.now().toString(36)}`;
	const id = await logAndSubmit(page, title);

	await open(page, BOARD);
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-freshness', 'live');
	const taMa = page.getByTestId('board-rows').locator('li', { hasText: 'Đoàn xã Ta Ma' });
	const rankBefore = Number(await taMa.getByTestId('rank').textContent());
	const scoreBefore = score(await taMa.getByTestId('row-score').textContent());
	expect(rankBefore).toBeGreaterThan(1);
	// Scores sit at the right edge of the row: on a 360 px phone they must still be on screen.
	const scoreBox = (await taMa.getByTestId('row-score').boundingBox())!;
	expect(scoreBox.x + scoreBox.width).toBeLessThanOrEqual(page.viewportSize()!.width);

	const verifier = await as('tuangiao');
	await open(verifier, `/sang-kien/${id}`);
	await verifier.getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	const approvedAt = performance.now();

	// The phone was not reloaded: everything below arrives over the socket.
	await expect(taMa.getByTestId('row-score')).toHaveText((scoreBefore + 20).toLocaleString('vi-VN'), { timeout: 2000 });
	const liveDelay = Math.round(performance.now() - approvedAt);
	const rankAfter = Number(await taMa.getByTestId('rank').textContent());
	expect(rankAfter).toBeLessThan(rankBefore);
	await expect(taMa.getByTestId('live-move')).toHaveText(`▲${rankBefore - rankAfter}`);
	await expect(page.getByTestId('ticker').getByTestId('ticker-item').filter({ hasText: title })).toBeVisible({ timeout: 2000 });
	await expect(page.getByTestId('my-move')).toHaveText(`tăng ${rankBefore - rankAfter} bậc`);
	// Both badges the work earned, in one dialog (not a toast under its backdrop, nor two dialogs in a row).
	await expect(page.getByTestId('celebration-name')).toHaveText(['Bước chân đầu tiên', 'Người dẫn đường số']);
	await expect(page.getByTestId('toast').filter({ hasText: 'Bạn vừa nhận huy hiệu' })).toHaveCount(0);
	await expectNoHorizontalScroll(page);
	console.log(`[live] board updated ${liveDelay} ms after the approval answered`);

	// The award is kept, not only pushed: a device that was not connected shows it on its next page.
	const other = await as('tama');
	await open(other, '/');
	// Celebrated once (100 people helped also earned "Người dẫn đường số"): closed there, they do not come back
	// anywhere. Closing tells the server they have been seen: wait for that answer, not for a guess.
	await expect(other.getByTestId('celebration-name')).toHaveText(['Bước chân đầu tiên', 'Người dẫn đường số']);
	const seen = other.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/huy-hieu/da-xem');
	await other.getByTestId('celebration-close').click();
	await expect(other.getByTestId('celebration')).toHaveCount(0);
	expect((await seen).ok()).toBe(true);
	await open(page, BOARD);
	await expect(page.getByTestId('celebration')).toHaveCount(0);
});

test('the review queue picks up a newly submitted story without a reload', async ({ as }) => {
	test.setTimeout(60_000);
	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const page = await as('tama');
	const title = `Hàng chờ ${Date.now().toString(36)}`;
	await logAndSubmit(page, title);
	await expect(verifier.getByTestId('review-item').filter({ hasText: title })).toBeVisible({ timeout: 2000 });
});

test('when the socket cannot connect, the board says how fresh it is and polls instead of claiming to be live', async ({ page }) => {
	await page.route('**/socket.io/**', (route) => route.abort());
	await open(page, BOARD);
	await expect(page.getByTestId('live-status')).not.toHaveAttribute('data-freshness', 'live');
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-freshness', /polling|stale/, { timeout: 10_000 });
	await expect(page.getByTestId('board-rows').getByTestId('board-row').first()).toBeVisible();
});
