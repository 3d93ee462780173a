import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open, vnDay } from './helpers';

test('a district registers its targets, the province accepts them, and progress shows on the unit page and the figures', async ({
	as,
	page
}) => {
	test.setTimeout(90_000);
	const year = vnDay().slice(0, 4);
	const district = await as('tuangiao');
	await open(district, '/chi-tieu');
	// The year's registration (the phase under way has its own row).
	const row = district
		.getByTestId('targets-row')
		.filter({ hasText: 'Huyện đoàn Tuần Giáo' })
		.filter({ hasNotText: '2158' })
		.filter({ hasText: `Năm ${year}` });
	await expect(row).toContainText('Chưa đăng ký');
	await row.getByTestId('targets-open').click();
	await expect(district.getByTestId('targets-unit')).toHaveText('Huyện đoàn Tuần Giáo');
	await expectNoHorizontalScroll(district);

	// A negative number is refused with the reason beside the field, and what was typed stays.
	const works = district.locator('[data-testid="targets-input"][data-key="works"]');
	const worksActual = Number((await district.locator('[data-testid="targets-actual"][data-key="works"]').innerText()).replace(/\D/g, ''));
	await works.fill('-5');
	await district.getByTestId('targets-submit').click();
	await expect(district.getByTestId('targets-error')).toContainText('Chưa có gì được lưu');
	await expect(district.getByText('Chỉ tiêu không được âm.')).toBeVisible();
	await expect(works).toHaveValue('-5');
	await expect(district.getByTestId('targets-status')).toHaveText('Đang soạn');

	const target = worksActual * 2 + 2;
	await works.fill(String(target));
	await district.getByTestId('targets-submit').click();
	await expect(district.getByTestId('targets-done')).toHaveText('Đã gửi chỉ tiêu lên cấp trên.');
	await expect(district.getByTestId('targets-status')).toHaveText('Chờ cấp trên duyệt');
	await expect(district.getByTestId('targets-input')).toHaveCount(0);
	const unitHref = await district.getByTestId('targets-unit').getByRole('link').getAttribute('href');

	const provinceOffice = await as('tinhdoan');
	await open(provinceOffice, '/chi-tieu');
	const below = provinceOffice
		.getByTestId('targets-below')
		.locator('li')
		.filter({ hasText: 'Huyện đoàn Tuần Giáo' })
		.filter({ hasNotText: '2158' })
		.filter({ hasText: `Năm ${year}` });
	await expect(below.getByTestId('targets-below-status')).toHaveText('Chờ cấp trên duyệt');
	await below.getByTestId('targets-below-view').click();
	await expect(provinceOffice.locator('[data-testid="targets-value"][data-key="works"]')).toHaveText(String(target));
	await provinceOffice.getByTestId('targets-accept').click();
	await expect(provinceOffice.getByTestId('targets-done')).toHaveText('Đã duyệt chỉ tiêu của đơn vị.');
	await expect(provinceOffice.getByTestId('targets-status')).toHaveText('Đã được duyệt');

	// Anyone sees the accepted targets and the progress on the unit's page and in the figures.
	await open(page, unitHref!);
	const progress = page.getByTestId('unit-targets').filter({ hasNotText: '2158' });
	const worksRow = progress.locator('[data-testid="target-progress-row"][data-key="works"]');
	// Other tests approve work on this server meanwhile: the actual can only have grown since the registration.
	await expect(worksRow).toContainText(`/ ${target} công trình`);
	const shownActual = Number(/([\d.]+) \/ /.exec(await worksRow.innerText())![1]!.replace(/\./g, ''));
	expect(shownActual).toBeGreaterThanOrEqual(worksActual);
	await expectNoHorizontalScroll(page);
	await progress.getByRole('link').click();
	await expect(page.getByTestId('figures-unit')).toHaveText('Huyện đoàn Tuần Giáo');
	await expect(page.locator('[data-testid="target-progress-row"][data-key="works"]')).toContainText(`/ ${target} công trình`);
});
