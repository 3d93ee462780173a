import { lastYearDay, open, vnDay } from './helpers';
import { expect, test } from './fixtures';

// Runs in the phone project only (see playwright.config.ts): the weak-network case is a phone case.
test('logging an initiative survives a dropped connection and a closed tab', async ({ as }) => {
	const page = await as('tama');
	const context = page.context();
	const title = `Viết khi mất sóng ${Date.now().toString(36)}`;
	const day = vnDay(-1);
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Cài đặt chữ ký số VNPT SmartCA' });
	await page.getByTestId('measure-signatures').filter({ visible: true }).fill('14');
	await page.locator('#story').fill('Tối thứ bảy ở bản, cài chữ ký số cho 14 người.');
	await page.locator('#startedOn').fill(day);
	await page.locator('#place').fill('Nhà văn hoá bản Ta Ma');

	// The signal drops just as the secretary taps save.
	await context.setOffline(true);
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('draft-notice')).toHaveText('Mất kết nối — nội dung đã được lưu trên máy và sẽ tự gửi khi có mạng.');
	// Where the secretary is looking: the notice is brought on screen, with the focus.
	await expect(page.getByTestId('draft-notice')).toBeInViewport();
	await expect(page.getByTestId('draft-notice')).toBeFocused();
	await page.close();

	// Later, with signal again, the form comes back as it was.
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
	await expect(page.getByTestId('draft-notice')).toHaveText('Mất kết nối — nội dung đã được lưu trên máy và sẽ tự gửi khi có mạng.');
	// Nobody taps anything: the signal comes back and the work is saved.
	await context.setOffline(false);
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.locator('#title')).toHaveValue(title);

	// Sending, too: the send button tapped without signal is tapped again by itself.
	await context.setOffline(true);
	await page.getByTestId('saved-send').click();
	await expect(page.getByTestId('draft-notice')).toHaveText('Mất kết nối — nội dung đã được lưu trên máy và sẽ tự gửi khi có mạng.');
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
