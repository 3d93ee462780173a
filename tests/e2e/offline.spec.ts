import { lastYearDay, open, vnDay } from './helpers';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

// Runs in the phone project only (see playwright.config.ts): the weak-network case is a phone case.
const QUEUED = 'Mất kết nối — nội dung đã được lưu trên máy và sẽ tự gửi khi có mạng, kể cả khi bạn đóng trang.';

async function fillNewWork(page: Page, title: string, day: string): Promise<void> {
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Cài đặt chữ ký số VNPT SmartCA' });
	await page.getByTestId('measure-signatures').filter({ visible: true }).fill('14');
	await page.locator('#story').fill('Tối thứ bảy ở bản, cài chữ ký số cho 14 người.');
	await page.locator('#startedOn').fill(day);
	await page.locator('#place').fill('Nhà văn hoá bản Ta Ma');
}

test('a form the tab closed on before it was saved comes back as it was', async ({ as }) => {
	const page = await as('tama');
	const context = page.context();
	const title = `Viết dở khi mất sóng ${Date.now().toString(36)}`;
	const day = vnDay(-1);
	await fillNewWork(page, title, day);
	// Android kills the browser in the background before the secretary taps save.
	await context.setOffline(true);
	await page.close();

	await context.setOffline(false);
	const later = await context.newPage();
	await open(later, '/sang-kien/moi');
	await expect(later.getByTestId('draft-notice')).toHaveText('Đã khôi phục bản nháp chưa gửi được trên máy này.');
	await expect(later.locator('#title')).toHaveValue(title);
	await expect(later.locator('#story')).toHaveValue('Tối thứ bảy ở bản, cài chữ ký số cho 14 người.');
	await expect(later.getByTestId('measure-signatures').filter({ visible: true })).toHaveValue('14');
	await expect(later.locator('#startedOn')).toHaveValue(day);
	await later.getByTestId('initiative-save').click();
	await expect(later.getByTestId('saved')).toBeVisible();
	await later.getByTestId('submit-initiative').click();
	await expect(later.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	await expect(later.getByTestId('initiative-title')).toHaveText(title);

	// Once saved, the draft is gone: a new form starts empty.
	await open(later, '/sang-kien/moi');
	await expect(later.locator('#title')).toHaveValue('');
});

test('a work saved without signal goes by itself once the signal returns, though its tab was closed', async ({ as }) => {
	const page = await as('tama');
	const context = page.context();
	const title = `Gửi nền khi có sóng ${Date.now().toString(36)}`;
	await fillNewWork(page, title, vnDay(-1));
	// She has used the app before: its service worker is installed.
	await page.evaluate(() => navigator.serviceWorker.ready);

	// The signal drops just as the secretary taps save, and she puts the phone away.
	await context.setOffline(true);
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('draft-notice')).toHaveText(QUEUED);
	// Where the secretary is looking: the notice is brought on screen, with the focus.
	await expect(page.getByTestId('draft-notice')).toBeInViewport();
	await expect(page.getByTestId('draft-notice')).toBeFocused();
	// Still without signal she adds a line to the story before putting the phone away: it goes with the work.
	const story = 'Tối thứ bảy ở bản, cài chữ ký số cho 14 người. Chủ nhật thêm 3 người ở chợ.';
	await page.locator('#story').fill(story);
	await page.waitForTimeout(1000);
	await page.close();

	// The signal returns with no page of the app open: the service worker sends the work (Background Sync).
	await context.setOffline(false);
	await expect
		.poll(async () => (await context.request.get('/toi')).text(), {
			timeout: 30_000,
			message: 'the work reaches the server with no tab open'
		})
		.toContain(title);

	// The next page she opens tells her, once; the work is there once, and the form starts empty.
	const later = await context.newPage();
	await open(later, '/toi');
	await expect(later.getByTestId('toast').filter({ hasText: `Đã gửi “${title}” khi có mạng trở lại.` })).toBeVisible();
	const saved = later.getByTestId('my-initiatives').getByRole('link', { name: title, exact: true });
	await expect(saved).toHaveCount(1);
	await saved.click();
	await expect(later.getByText(story)).toBeVisible();
	await open(later, '/sang-kien/moi');
	await expect(later.locator('#title')).toHaveValue('');
	await expect(later.getByTestId('draft-notice')).toHaveCount(0);
	await open(later, '/toi');
	await expect(later.getByTestId('toast')).toHaveCount(0);
});

test('a work saved and sent without signal goes by itself when the signal returns', async ({ as }) => {
	const page = await as('tama');
	const context = page.context();
	const title = `Tự gửi khi có sóng ${Date.now().toString(36)}`;
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Cài đặt chữ ký số VNPT SmartCA' });
	await page.getByTestId('measure-signatures').filter({ visible: true }).fill('9');
	await page.locator('#story').fill('Cài chữ ký số cho 9 hộ kinh doanh ở chợ phiên.');
	await page.locator('#startedOn').fill(lastYearDay());
	await page.locator('#place').fill('Chợ phiên Ta Ma');

	await context.setOffline(true);
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('draft-notice')).toHaveText(QUEUED);
	// Nobody taps anything: the signal comes back and the work is saved.
	await context.setOffline(false);
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.locator('#title')).toHaveValue(title);

	// Sending, too: the send button tapped without signal is tapped again by itself.
	await context.setOffline(true);
	await page.getByTestId('saved-send').click();
	await expect(page.getByTestId('draft-notice')).toHaveText(QUEUED);
	await context.setOffline(false);
	await expect(page.getByTestId('sent')).toBeVisible();
	await expect(page.getByTestId('initiative-title')).toHaveText(title);
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
});

test('a number the server refuses takes the secretary to the field, on screen and focused, with its message', async ({ as }) => {
	const page = await as('tama');
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(`Số sai ${Date.now().toString(36)}`);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Cài đặt chữ ký số VNPT SmartCA' });
	const measure = page.getByTestId('measure-signatures').filter({ visible: true });
	await measure.fill('-5');
	await page.locator('#story').fill('Cài chữ ký số cho người dân trong bản.');
	await page.locator('#startedOn').fill(vnDay(-1));
	await page.locator('#place').fill('Nhà văn hoá bản Ta Ma');
	await page.getByTestId('initiative-save').click();
	await expect(measure).toBeFocused();
	await expect(measure).toBeInViewport();
	await expect(measure.locator('xpath=..').locator('.field-error')).toBeVisible();
});
