import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open, vnDay } from './helpers';

/**
 * The Tỉnh đoàn's campaign (campaigns/000): its province admin is its standing office. Every Tỉnh đoàn unit is in
 * its tree already; the one demo unit outside it is the UBND tỉnh's root. The demo has no account for the UBND
 * tỉnh's office, so its campaign (002) cannot be configured from the demo's sign-ins.
 */
const YOUTH = 'tuoi-tre-dien-bien-tien-phong-chuyen-doi-so';
const OUTSIDER = 'UBND tỉnh Điện Biên';

test('the standing office joins a unit to its campaign, sees it listed, and takes it out again', async ({ as }) => {
	const admin = await as('tinhdoan');
	await open(admin, `/quan-tri/don-vi-tham-gia?phong-trao=${YOUTH}`);
	await expectNoHorizontalScroll(admin);
	const adminNav = admin.getByRole('navigation', { name: 'Quản trị' });
	await expect(adminNav.getByRole('link', { name: 'Đơn vị tham gia' })).toHaveAttribute('aria-current', 'page');
	await expect(adminNav.getByRole('link', { name: 'Đơn vị', exact: true })).not.toHaveAttribute('aria-current', 'page');
	await expect(admin.getByTestId('joined-none')).toBeVisible();

	// Units of the campaign's own tree are not offered; the outsider is, and the day defaults to today.
	const picker = admin.getByTestId('join-unit');
	await expect(picker.locator('option', { hasText: 'Đoàn xã Ta Ma' })).toHaveCount(0);
	const unitId = (await picker.locator('option', { hasText: OUTSIDER }).getAttribute('value'))!;
	await expect(admin.getByTestId('join-date')).toHaveValue(vnDay(0));
	await picker.selectOption(unitId);
	await admin.getByTestId('join-submit').click();
	await expect(admin.getByTestId('joining-done')).toHaveText(`Đã thêm “${OUTSIDER}” vào phong trào.`);
	const row = admin.getByTestId(`joined-${unitId}`);
	await expect(row).toContainText(OUTSIDER);
	await expect(row).toContainText(vnDay(0).split('-').reverse().join('/'));
	await expect(row).toContainText('0 sáng kiến');
	await expect(admin.getByTestId('join-unit').locator('option', { hasText: OUTSIDER })).toHaveCount(0);
	await expectNoHorizontalScroll(admin);

	// Taken out again (it has no work in the campaign), so other specs see the demo as it was.
	await row.getByTestId(`leave-${unitId}`).click();
	await expect(admin.getByTestId('joining-done')).toHaveText(`Đã rút “${OUTSIDER}” khỏi phong trào.`);
	await expect(row).toHaveCount(0);
	await expect(admin.getByTestId('joined-none')).toBeVisible();
	await expect(admin.getByTestId('join-unit').locator('option', { hasText: OUTSIDER })).toHaveCount(1);
});

test('a district admin does not get the page', async ({ as }) => {
	const page = await as('tuangiao');
	const response = await page.goto(`/quan-tri/don-vi-tham-gia?phong-trao=${YOUTH}`);
	expect(response?.status()).toBe(403);
});
