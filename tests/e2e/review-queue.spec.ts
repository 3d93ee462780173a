import { lastYearDay, open } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Logs and sends one VNeID work as the Ta Ma secretary; the title is unique to this test run. */
async function sendWork(secretary: Page, title: string): Promise<void> {
	await logVneidInitiative(secretary, title, { story: `Đoàn viên bản Ta Ma hướng dẫn bà con cài VNeID (${title}).`, day: lastYearDay() });
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();
}

test('a verifier works through the queue from its compact cards, several at once, and moves on to the next', async ({ as, page }) => {
	test.setTimeout(90_000);
	const stamp = Date.now().toString(36);
	const titles = [1, 2, 3, 4].map((n) => `Hàng đợi ${stamp} số ${n}`);
	const secretary = await as('tama');
	for (const title of titles) await sendWork(secretary, title);

	const verifier = await as('tuangiao');
	await open(verifier, `/duyet`);
	const card = (title: string) => verifier.getByTestId('review-item').filter({ hasText: title });
	// A card shows the story's opening and the decision at hand; reasons and adjustments wait behind one tap.
	await expect(card(titles[0]!).getByTestId('review-excerpt')).toContainText('hướng dẫn bà con cài VNeID');
	await expect(card(titles[0]!).getByTestId('approve')).toBeVisible();
	await expect(card(titles[0]!).getByTestId('reason')).toBeHidden();
	const height = (await card(titles[0]!).boundingBox())!.height;
	expect(height).toBeLessThan(360);

	// Two ticked and approved together: each its own approval, both gone from the queue.
	await expect(verifier.getByTestId('approve-many')).toHaveCount(0);
	await card(titles[0]!).getByTestId('review-pick').check();
	await card(titles[1]!).getByTestId('review-pick').check();
	await expect(verifier.getByTestId('approve-many')).toHaveText('Xác nhận 2 sáng kiến đã chọn');
	await verifier.getByTestId('approve-many').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận 2 sáng kiến.');
	await expect(card(titles[0]!)).toHaveCount(0);
	await expect(card(titles[1]!)).toHaveCount(0);
	await expect(verifier.getByTestId('approve-many')).toHaveCount(0);

	// One approved from its card: the confirmation sits where she is looking and the next work takes the focus.
	await card(titles[2]!).getByTestId('approve').click();
	await expect(card(titles[2]!)).toHaveCount(0);
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	await expect(verifier.getByTestId('step-done')).toBeInViewport();
	// (Other tests share this queue, so which work comes next is not fixed: only that the focus is on one.)
	await expect(verifier.locator(':focus')).toHaveAttribute('data-testid', 'review-title');
	await expect(verifier.locator(':focus')).not.toHaveText(titles[2]!);

	// Opened from the queue, a decision on the story page leads back to the queue with its confirmation.
	await card(titles[3]!).getByTestId('review-title').click();
	await expect(verifier).toHaveURL(/\/sang-kien\/\d+\?tu=duyet$/);
	await verifier.getByTestId('approve').click();
	await expect(verifier).toHaveURL(/\/duyet\?vua-xong=approve$/);
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	await expect(card(titles[3]!)).toHaveCount(0);

	// All four were approved, so anyone can read them now.
	await open(page, `/sang-kien?q=${encodeURIComponent(`Hàng đợi ${stamp}`)}`);
	for (const title of titles) await expect(page.getByRole('link', { name: title })).toBeVisible();
});

test('when someone else decides the work a verifier is on, the focus moves to the next one', async ({ as }) => {
	test.setTimeout(60_000);
	const stamp = Date.now().toString(36);
	const titles = [1, 2].map((n) => `Hai người duyệt ${stamp} số ${n}`);
	const secretary = await as('tama');
	for (const title of titles) await sendWork(secretary, title);

	const onQueue = await as('tuangiao');
	await open(onQueue, `/duyet`);
	const card = (title: string) => onQueue.getByTestId('review-item').filter({ hasText: title });
	await card(titles[0]!).getByTestId('review-title').focus();

	const colleague = await as('tuangiao');
	await open(colleague, `/duyet`);
	await colleague.getByTestId('review-item').filter({ hasText: titles[0]! }).getByTestId('approve').click();
	await expect(colleague.getByTestId('step-done')).toHaveText('Đã xác nhận.');

	await expect(card(titles[0]!)).toHaveCount(0);
	await expect(onQueue.locator(':focus')).toHaveAttribute('data-testid', 'review-title');
	await colleague.getByTestId('review-item').filter({ hasText: titles[1]! }).getByTestId('approve').click();
	await expect(card(titles[1]!)).toHaveCount(0);
});

test('new work arriving while a verifier has a decision panel open does not close it under her', async ({ as }) => {
	test.setTimeout(60_000);
	const stamp = Date.now().toString(36);
	const [first, second] = [1, 2].map((n) => `Đang viết lý do ${stamp} số ${n}`) as [string, string];
	const secretary = await as('tama');
	await sendWork(secretary, first);

	const verifier = await as('tuangiao');
	await open(verifier, `/duyet`);
	const card = verifier.getByTestId('review-item').filter({ hasText: first });
	await card.getByTestId('verify-more').click();
	await expect(card.getByTestId('reason')).toBeVisible();

	// More work in her district: the queue would reload and fold the panel she just opened; it offers the reload instead.
	await sendWork(secretary, second);
	await expect(verifier.getByTestId('live-refresh')).toBeVisible();
	await expect(card.getByTestId('reason')).toBeVisible();
	await card.getByTestId('reason').fill('Thiếu ảnh buổi hướng dẫn');
	await card.getByTestId('return').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã trả lại.');
	await expect(verifier.getByTestId('review-item').filter({ hasText: second })).toBeVisible();
});
