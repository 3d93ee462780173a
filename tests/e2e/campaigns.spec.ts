import type { Page } from '@playwright/test';
import { open, vnDay } from './helpers';
import { expect, test } from './fixtures';

/** The UBND tỉnh's campaign the demo also runs (campaigns/002), which Huyện đoàn Tuần Giáo has joined. */
const GOVERNMENT = 'dien-bien-chuyen-doi-so-kh-2158';
const ONLINE_MEETINGS = '1.5 · Họp, hội nghị 3 cấp trực tuyến';

/**
 * Tuần Giáo's row on a district board (this year, province-wide) and its score, 0 when it has none. Both
 * campaigns have district boards; grassroots unions are not a level of the UBND's campaign, so Ta Ma's work
 * shows there through the district above it.
 */
async function tuanGiaoOn(page: Page, campaign: string | null) {
	await open(page, `/bang-xep-hang?doi-tuong=district${campaign ? `&phong-trao=${campaign}` : ''}`);
	const row = page.getByTestId('board-rows').locator('li', { hasText: 'Huyện đoàn Tuần Giáo' });
	const score = (await row.count()) ? Number((await row.getByTestId('row-score').textContent())!.replace(/\./g, '')) : 0;
	return { row, score };
}

test("a secretary logs work in the UBND tỉnh's campaign, the district approves it, and only that campaign's board moves", async ({
	as
}) => {
	test.setTimeout(90_000);
	const title = `Họp trực tuyến ba cấp ${Date.now().toString(36)}`;
	const page = await as('tama');
	const before = (await tuanGiaoOn(page, GOVERNMENT)).score;

	// Ta Ma takes part in both campaigns: the form asks which one, and the catalogue is the chosen one's.
	await open(page, '/sang-kien/moi');
	const activity = page.locator('#activityTypeId');
	await expect(activity.locator('option', { hasText: 'VNeID' })).toHaveCount(1);
	await page.locator('#phong-trao').selectOption({ label: (await page.locator('#phong-trao option', { hasText: '2158' }).textContent())! });
	await expect(page).toHaveURL(new RegExp(`phong-trao=${GOVERNMENT}`));
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 15_000 });
	await expect(activity.locator('option', { hasText: 'VNeID' })).toHaveCount(0);
	await page.locator('#title').fill(title);
	await activity.selectOption({ label: ONLINE_MEETINGS });
	await page.getByTestId('measure-meetings').filter({ visible: true }).fill('5');
	await page.locator('#story').fill('Đoàn xã nối mạng cho bản để họp ba cấp trực tuyến.');
	await page.locator('#startedOn').fill(vnDay(0));
	await page.locator('#place').fill('Nhà văn hoá xã Ta Ma');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.getByTestId('initiative-campaign')).toContainText('2158');
	await page.getByTestId('submit-initiative').click();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	await expect(page.getByTestId('initiative-campaign')).toContainText('2158');

	// The district's queue names each item's campaign; the verifier approves it.
	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const item = verifier.getByTestId('review-item').filter({ hasText: title });
	await expect(item.getByTestId('review-campaign')).toContainText('2158');
	await item.getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	await verifier.context().close();

	// KH 2158, online meetings: 2 points per initiative + 1 per meeting: 2 + 5 = 7, on the UBND's board only.
	const after = await tuanGiaoOn(page, GOVERNMENT);
	expect(after.score).toBe(before + 7);
	await after.row.getByRole('link').click();
	await expect(page.getByTestId('explain-campaign')).toContainText('2158');
	await expect(page.getByTestId('explain-entries')).toContainText(title);
	// The Tỉnh đoàn's board does not count it.
	const youth = await tuanGiaoOn(page, null);
	await expect(youth.row).toHaveCount(1);
	await youth.row.getByRole('link').click();
	await expect(page.getByTestId('explain-campaign')).not.toContainText('2158');
	await expect(page.getByTestId('explain-entries')).not.toContainText(title);

	// "Việc của tôi" names the campaign of each piece of work.
	await open(page, '/toi');
	await expect(page.getByTestId('my-initiatives').locator('li', { hasText: title }).getByTestId('my-initiative-campaign')).toContainText(
		'2158'
	);
});

test('a unit that takes part in one campaign sees no campaign choice', async ({ as }) => {
	// The province admin's own unit, the Tỉnh đoàn, takes part in its own campaign only.
	const page = await as('tinhdoan');
	await open(page, '/sang-kien/moi');
	await expect(page.locator('#phong-trao')).toHaveCount(0);
	await expect(page.locator('#activityTypeId option', { hasText: 'VNeID' })).toHaveCount(1);
});

test('the badge and rules pages name their campaign in full and switch to the other one', async ({ page }) => {
	await open(page, `/huy-hieu?phong-trao=${GOVERNMENT}`);
	await expect(page.getByTestId('campaign-name')).toContainText('2158/KH-UBND');
	await page.getByTestId('campaign-choice').selectOption('tuoi-tre-dien-bien-tien-phong-chuyen-doi-so');
	await expect(page).toHaveURL(/phong-trao=tuoi-tre-dien-bien-tien-phong-chuyen-doi-so/);
	await expect(page.getByTestId('campaign-name')).not.toContainText('2158');
	await expect(page.getByTestId('badge-catalogue').locator('li').first()).toBeVisible();
	await open(page, `/cach-tinh-diem?phong-trao=${GOVERNMENT}`);
	await expect(page.getByTestId('campaign-name')).toContainText('2158/KH-UBND');
});
