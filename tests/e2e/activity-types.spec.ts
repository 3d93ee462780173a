import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open } from './helpers';

// Labels of this run: the servers' databases outlive a retry.
const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
const TYPE = 'Số hoá di tích, điểm du lịch bằng mã QR';

test('the standing office renames a measure and adds a decimal one; the secretary’s initiative form shows them', async ({ as }) => {
	const admin = await as('tinhdoan');
	await open(admin, '/quan-tri/loai-hoat-dong');
	await expect(admin.getByTestId('activity-help')).toContainText('số liệu của các sáng kiến đã lưu giữ nguyên');
	const card = admin.getByTestId('activity-type').filter({ hasText: TYPE });
	await card.locator('summary').click();
	const form = card.locator('form[data-testid^="activity-form-"]');
	const first = form.getByTestId('measure-row-0');
	const added = form.getByTestId('measure-row-1');
	await first.getByLabel('Tên kết quả').fill(`Di tích được gắn mã QR ${tag}`);
	await added.getByLabel('Tên kết quả').fill(`Kinh phí xã hội hoá ${tag}`);
	await added.getByLabel('Đơn vị tính').fill('triệu đồng');
	await added.getByLabel('Kiểu số').selectOption('decimal');
	await added.getByLabel('Bắt buộc').uncheck();
	// Bounds the wrong way round are refused, and the form keeps what was typed.
	await added.getByLabel('Nhỏ nhất').fill('50');
	await added.getByLabel('Lớn nhất (một sáng kiến)').fill('10');
	await form.getByRole('button', { name: 'Lưu loại hoạt động' }).click();
	await expect(added.getByRole('alert')).toContainText('không lớn hơn lớn nhất');
	await expect(first.getByLabel('Tên kết quả')).toHaveValue(`Di tích được gắn mã QR ${tag}`);
	await expect(added.getByLabel('Tên kết quả')).toHaveValue(`Kinh phí xã hội hoá ${tag}`);
	await added.getByLabel('Nhỏ nhất').fill('0');
	await added.getByLabel('Lớn nhất (một sáng kiến)').fill('500,5');
	await form.getByRole('button', { name: 'Lưu loại hoạt động' }).click();
	await expect(card.getByRole('status')).toContainText('Đã lưu loại hoạt động.');
	await expect(card.getByText(`Kinh phí xã hội hoá ${tag} (triệu đồng, 0–500,5)`)).toBeVisible();
	await expect(form.getByTestId('measure-row-1').getByLabel('Kiểu số')).toHaveValue('decimal');
	await expectNoHorizontalScroll(admin);

	const secretary = await as('tama');
	await open(secretary, '/sang-kien/moi');
	await secretary.locator('#activityTypeId').selectOption({ label: `1.2 · ${TYPE}` });
	await expect(secretary.getByText(`Di tích được gắn mã QR ${tag} (công trình)`)).toBeVisible();
	await expect(secretary.getByText(`Kinh phí xã hội hoá ${tag} (triệu đồng) — không bắt buộc`)).toBeVisible();
	await expect(secretary.getByLabel(`Kinh phí xã hội hoá ${tag} (triệu đồng) — không bắt buộc`)).toHaveAttribute('inputmode', 'decimal');
});
