import { expect, test } from './fixtures';
import ExcelJS from 'exceljs';
import { expectNoHorizontalScroll, open, vnDay } from './helpers';

test('a visitor reads the figures, drills into a district and back, and a future cut-off is refused', async ({ page }) => {
	await open(page, '/so-lieu');
	await expect(page.getByRole('heading', { name: 'Số liệu phong trào' })).toBeVisible();
	const root = (await page.getByTestId('figures-unit').innerText()).trim();
	await expect(page.getByTestId('figures-works')).toHaveText(/^\d[\d.]*$/);
	await expectNoHorizontalScroll(page);

	// Drill down into the first direct child: it becomes the unit, with the root as a breadcrumb back.
	const child = page.getByTestId('figures-child').first();
	await expect(child).toBeVisible();
	const name = (await child.innerText()).trim();
	await child.click();
	await expect(page.getByTestId('figures-unit')).toHaveText(name);
	await expect(page).toHaveURL(/don-vi=\d+/);
	await expectNoHorizontalScroll(page);
	await page.getByRole('link', { name: root, exact: true }).click();
	await expect(page.getByTestId('figures-unit')).toHaveText(root);

	// Another period keeps the unit.
	const periods = page.getByTestId('figures-period').locator('option');
	expect(await periods.count()).toBeGreaterThan(1);
	const code = await periods.nth(1).getAttribute('value');
	await page.getByTestId('figures-period').selectOption(code!);
	await expect(page).toHaveURL(new RegExp(`ky=${code}`));
	await expect(page.getByTestId('figures-unit')).toHaveText(root);

	// A cut-off day in the future is refused in Vietnamese; the page still shows figures up to today.
	await open(page, `/so-lieu?den-ngay=${vnDay(3)}`);
	await expect(page.getByTestId('figures-problem')).toContainText('không được ở tương lai');
	await expect(page.getByTestId('figures-works')).toBeVisible();
	await open(page, '/so-lieu?den-ngay=2026-02-31');
	await expect(page.getByTestId('figures-problem')).toContainText('không hợp lệ');
	await expectNoHorizontalScroll(page);
});

test('the list of approved initiatives downloads as .xlsx with one row per work the figures count', async ({ page }) => {
	await open(page, '/so-lieu');
	const works = Number((await page.getByTestId('figures-works').innerText()).replace(/\D/g, ''));
	await page.getByTestId('figures-downloads').locator('summary').click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-list-xlsx').click()]);
	expect(download.suggestedFilename()).toMatch(/^sang-kien-.+\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await download.path())!);
	const sheet = workbook.getWorksheet('Sáng kiến đã duyệt')!;
	expect(sheet.getRow(1).getCell(2).value).toBe('Tên sáng kiến');
	// Other tests approve work on this server meanwhile: the list holds what was approved between the two reads.
	await page.reload();
	const worksAfter = Number((await page.getByTestId('figures-works').innerText()).replace(/\D/g, ''));
	expect(sheet.rowCount - 1).toBeGreaterThanOrEqual(works);
	expect(sheet.rowCount - 1).toBeLessThanOrEqual(worksAfter);

	// The teams and points lists of the same unit and period are workbooks too.
	for (const testid of ['figures-teams-xlsx', 'figures-points-xlsx']) {
		const href = await page.getByTestId(testid).getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.headers()['content-type']).toContain('spreadsheetml');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await response.body()).buffer as ArrayBuffer);
		expect(book.worksheets.length).toBeGreaterThan(0);
	}
});

test('a district enters a stock indicator on the figures page: a negative value is refused, the latest value and share show', async ({
	as
}) => {
	const district = await as('tuangiao');
	await open(district, '/so-lieu');
	await district.getByTestId('figures-child').filter({ hasText: 'Huyện đoàn Tuần Giáo' }).click();
	await expect(district.getByTestId('figures-unit')).toHaveText('Huyện đoàn Tuần Giáo');
	const app = district.locator('[data-testid="figures-stock"][data-code="tnvn-app"]');
	await expect(app.getByTestId('figures-stock-value')).toHaveText('Chưa có');

	await district.getByTestId('stock-code').selectOption('tnvn-app');
	await district.getByTestId('stock-value').fill('-3');
	await district.getByTestId('stock-save').click();
	await expect(district.getByTestId('stock-error')).toContainText('không được âm');
	await expect(app.getByTestId('figures-stock-value')).toHaveText('Chưa có');

	await district.getByTestId('stock-value').fill('1');
	await district.getByTestId('stock-save').click();
	await expect(district.getByTestId('stock-done')).toHaveText('Đã lưu chỉ số.');
	await expect(app.getByTestId('figures-stock-value')).toHaveText('1');
	await expect(app.getByTestId('figures-stock-share')).toHaveText(/%$/);
	await expectNoHorizontalScroll(district);
});

test('the standing office lists a khối’s units; a line naming no unit is refused; the figures count the khối apart', async ({ as }) => {
	const office = await as('tinhdoan');
	await open(office, '/quan-tri/khoi-don-vi');
	const armed = office.locator('[data-testid="tag-form"][data-code="luc-luong-vu-trang"]');
	await expect(armed.getByTestId('tag-units')).toHaveValue(/Đoàn Thanh niên Công an tỉnh/);
	const listed = await armed.getByTestId('tag-units').inputValue();

	await armed.getByTestId('tag-units').fill(`${listed}\nĐồn Biên phòng không có`);
	await armed.getByTestId('tag-save').click();
	await expect(armed.getByTestId('tag-error')).toContainText('Dòng 3');
	await expect(armed.getByTestId('tag-error')).toContainText('Không tìm thấy đơn vị');
	await open(office, '/quan-tri/khoi-don-vi');
	await expect(armed.getByTestId('tag-units')).toHaveValue(listed);
	await expectNoHorizontalScroll(office);

	await open(office, '/so-lieu');
	const row = office.locator('[data-testid="figures-tag"][data-code="luc-luong-vu-trang"]');
	await expect(row).toContainText('Khối lực lượng vũ trang');
	await expect(row.locator('td').nth(1)).toHaveText('2');
});
