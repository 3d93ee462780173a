import { lastYearDay, open } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';

test('a secretary hears at once that her work was returned, under the bell on every page, and goes from there to fix it', async ({
	as
}) => {
	const title = `Chuông báo ${Date.now().toString(36)}`;
	const secretary = await as('tama');
	await logVneidInitiative(secretary, title, { day: lastYearDay() });
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();
	// Whatever earlier tests left under her bell is read now. Tests running beside this one act on her work too
	// (returns, approvals), so the bell is compared with what it shows now rather than with nothing.
	await open(secretary, '/thong-bao');
	await open(secretary, '/bang-xep-hang');
	const bellCount = secretary.getByTestId('notice-count');
	const unread = async () => ((await bellCount.count()) === 0 ? 0 : Number(await bellCount.textContent()));
	const unreadBefore = await unread();

	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const item = verifier.getByTestId('review-item').filter({ hasText: title });
	await item.getByTestId('verify-more').click();
	await item.getByTestId('reason').fill('Thiếu ảnh buổi hướng dẫn');
	await item.getByTestId('return').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã trả lại.');

	// On the page she had open, without reloading: the bell counts it and a message says what happened.
	const sentence = `Sáng kiến “${title}” bị trả lại để sửa. Lý do: Thiếu ảnh buổi hướng dẫn`;
	await expect.poll(unread).toBeGreaterThan(unreadBefore);
	await expect(secretary.getByTestId('notice-bell')).toHaveAccessibleName(/^Thông báo · \d+ chưa đọc( · \d+ việc đến hạn)?$/);
	await expect(secretary.getByText(sentence).first()).toBeVisible();
	// At the top of the page, under the demo banner, the message sits below the header, not over it.
	const header = (await secretary.locator('header').boundingBox())!;
	const toast = secretary.getByTestId('toast').filter({ hasText: sentence });
	await expect.poll(async () => (await toast.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);

	await secretary.getByTestId('notice-bell').click();
	await expect(secretary).toHaveURL(/\/thong-bao$/);
	const notice = secretary.getByTestId('notice').filter({ hasText: sentence });
	await expect(notice).toContainText('Tin mới');
	await expect(secretary.getByTestId('notice-count')).toHaveCount(0);
	await notice.click();
	await expect(secretary).toHaveURL(/\/sang-kien\/\d+\/sua$/);

	// Read once, it stays read.
	await open(secretary, '/thong-bao');
	await expect(secretary.getByTestId('notice').filter({ hasText: sentence })).not.toContainText('Tin mới');
});

test('a visitor has no bell, and the notices page asks to sign in', async ({ page }) => {
	await open(page, '/');
	await expect(page.getByTestId('notice-bell')).toHaveCount(0);
	expect((await page.request.get('/thong-bao', { maxRedirects: 0 })).status()).toBe(303);
});

test('a notice arriving while the secretary is on her way to the next page does not stop her getting there', async ({ as }) => {
	const stamp = Date.now().toString(36);
	const secretary = await as('tama');
	const approved = `Được xác nhận giữa chừng ${stamp}`;
	await logVneidInitiative(secretary, approved, { day: lastYearDay() });
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();
	const sending = `Đang gửi ${stamp}`;
	await logVneidInitiative(secretary, sending, { day: lastYearDay() });

	// Her tap on "Gửi" leads to the work's page; its data is held on the way until the notice has arrived.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => {
		void secretary.route(/\/sang-kien\/\d+\/__data\.json/, async (route) => {
			resolve();
			await new Promise<void>((r) => (release = r));
			await route.continue();
		});
	});
	await secretary.getByTestId('submit-initiative').click();
	await held;

	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	await verifier.getByTestId('review-item').filter({ hasText: approved }).getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	await secretary.waitForTimeout(1000);
	release();

	await expect(secretary.getByTestId('sent')).toBeVisible();
	await expect(secretary.getByTestId('initiative-title')).toHaveText(sending);
	// And the bell counts the approval once she is there.
	await expect(secretary.getByTestId('notice-count')).toBeVisible();
});

test('a notice arriving while the secretary fills in a new work keeps what she typed', async ({ as }) => {
	const stamp = Date.now().toString(36);
	const secretary = await as('tama');
	const decided = `Trả lại khi đang gõ ${stamp}`;
	await logVneidInitiative(secretary, decided, { day: lastYearDay() });
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();

	await open(secretary, '/sang-kien/moi');
	await secretary.locator('#title').fill(`Đang gõ ${stamp}`);
	await secretary.getByLabel('Giàng A Viên').check();
	const count = await secretary.getByTestId('notice-count').count();

	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const item = verifier.getByTestId('review-item').filter({ hasText: decided });
	await item.getByTestId('verify-more').click();
	await item.getByTestId('reason').fill('Thiếu ảnh');
	await item.getByTestId('return').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã trả lại.');

	// The bell counts it, and the form still holds her words and her tick.
	await expect(secretary.getByText(`Sáng kiến “${decided}” bị trả lại để sửa.`).first()).toBeVisible();
	expect(count === 0 ? await secretary.getByTestId('notice-count').count() : 1).toBe(1);
	await expect(secretary.locator('#title')).toHaveValue(`Đang gõ ${stamp}`);
	await expect(secretary.getByLabel('Giàng A Viên')).toBeChecked();
});
