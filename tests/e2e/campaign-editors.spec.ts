import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open } from './helpers';

// Codes of this run: the servers' databases outlive a retry, and a code is unique per campaign.
const tag = Math.random().toString(36).slice(2, 7).toUpperCase();

test('the standing office adds a period and a content area and turns a level’s boards off and on; the board page follows', async ({
	as
}) => {
	const page = await as('tinhdoan');

	await open(page, '/quan-tri/ky-thi-dua');
	await expectNoHorizontalScroll(page);
	await page.getByTestId('period-add').click();
	const add = page.getByTestId('period-form-new');
	// A code the campaign already has is refused with the file's own check, and the form keeps what was typed.
	await add.getByLabel('Mã').fill('Y2026');
	await add.getByLabel('Tên').fill(`Đợt ra quân ${tag}`);
	await add.getByLabel('Ngày bắt đầu').fill('2029-03-01');
	await add.getByLabel('Ngày kết thúc').fill('2029-03-31');
	await page.getByTestId('period-save-new').click();
	await expect(add.getByRole('alert')).toContainText('Mã “Y2026” bị trùng.');
	await expect(add.getByLabel('Tên')).toHaveValue(`Đợt ra quân ${tag}`);
	await add.getByLabel('Mã').fill(`RQ${tag}`);
	await page.getByTestId('period-save-new').click();
	await expect(page.getByTestId('period-done')).toContainText('Đã lưu.');
	await expect(page.getByTestId(`period-RQ${tag}`)).toContainText(`Đợt ra quân ${tag}`);
	await expectNoHorizontalScroll(page);

	await open(page, '/quan-tri/noi-dung-thi-dua');
	const area = page.getByTestId('area-add');
	await area.getByLabel('Mã').fill(`9.${tag}`);
	await area.getByLabel('Tên').fill('Chuyển đổi số trong hợp tác xã');
	await page.getByTestId('area-add-save').click();
	await expect(page.getByTestId('area-done')).toBeVisible();
	await expect(page.getByTestId(`area-9.${tag}`)).toBeVisible();
	await expectNoHorizontalScroll(page);

	await open(page, '/quan-tri/cap-don-vi');
	await expectNoHorizontalScroll(page);
	await page.getByTestId('level-boards-branch').uncheck();
	await page.getByTestId('level-save-branch').click();
	await expect(page.getByTestId('level-done')).toBeVisible();
	await expect(page.getByTestId('level-boards-branch')).not.toBeChecked();

	await open(page, '/bang-xep-hang');
	await expect(page.getByTestId('board-period').locator(`option[value="RQ${tag}"]`)).toHaveText(`Đợt ra quân ${tag}`);
	await expect(page.locator(`select[name="linh-vuc"] option[value="9.${tag}"]`)).toHaveCount(1);
	await expect(page.getByTestId('board-subject').locator('option[value="branch"]')).toHaveCount(0);
	await expect(page.getByTestId('board-subject').locator('option[value="grassroots"]')).toHaveCount(1);

	// Back on, so the other specs see the demo's boards.
	await open(page, '/quan-tri/cap-don-vi');
	await page.getByTestId('level-boards-branch').check();
	await page.getByTestId('level-save-branch').click();
	await expect(page.getByTestId('level-done')).toBeVisible();
	await open(page, '/bang-xep-hang');
	await expect(page.getByTestId('board-subject').locator('option[value="branch"]')).toHaveCount(1);
});

test('a district admin does not get the editors', async ({ as }) => {
	const page = await as('tuangiao');
	for (const path of ['/quan-tri/noi-dung-thi-dua', '/quan-tri/cap-don-vi']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
	}
});
