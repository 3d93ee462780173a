import { open } from './helpers';
import { expect, test } from './fixtures';

const feed = (page: import('@playwright/test').Page) => page.getByTestId('initiative-feed').locator(':scope > li');
const linksIn = (page: import('@playwright/test').Page) =>
	page
		.getByTestId('initiative-feed')
		.locator('a[href^="/sang-kien/"]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')));

test('a visitor pages through every approved work and narrows them by unit, activity and period', async ({ page }) => {
	await open(page, '/sang-kien');
	await expect(feed(page)).toHaveCount(30);
	const first = await linksIn(page);
	await page.getByTestId('browse-more').click();
	await expect(page).toHaveURL(/sau=\d{4}-\d{2}-\d{2}\.\d+/);
	const second = await linksIn(page);
	expect(second.length).toBeGreaterThan(0);
	expect(second.filter((href) => first.includes(href))).toEqual([]);

	// Last year's works: every card dated in that year.
	await open(page, '/sang-kien');
	await page.getByTestId('browse-filters').click();
	const lastYear = String(new Date().getFullYear() - 1);
	// (The demo runs several campaigns: the first one's year.)
	const year = await page
		.getByTestId('browse-ky')
		.locator('option', { hasText: `Năm ${lastYear}` })
		.first()
		.getAttribute('value');
	await page.getByTestId('browse-ky').selectOption(year!);
	await page.getByTestId('browse-apply').click();
	await expect(page).toHaveURL(/ky=\d+/);
	const dates = await feed(page).locator('p.text-xs').allTextContents();
	expect(dates.length).toBeGreaterThan(0);
	for (const line of dates) expect(line).toMatch(new RegExp(`/${lastYear}$`));
	// The filters stay open, showing what narrows the list, and one tap clears them.
	await expect(page.getByTestId('browse-ky')).toBeVisible();
	await page.getByRole('link', { name: 'Bỏ lọc' }).click();
	await expect(page).toHaveURL(/\/sang-kien$/);

	// One district's works, of one activity: each opens on a page of that district and activity.
	await page.getByTestId('browse-filters').click();
	await page.getByTestId('browse-don-vi').selectOption({ label: 'Huyện đoàn Tuần Giáo' });
	await page.getByTestId('browse-loai').selectOption({ index: 1 });
	const activity = (await page.getByTestId('browse-loai').locator('option:checked').textContent())!;
	await page.getByTestId('browse-apply').click();
	await expect(page).toHaveURL(/don-vi=\d+&loai=\d+/);
	const hrefs = await linksIn(page);
	if (hrefs.length === 0) await expect(page.getByTestId('initiative-none')).toBeVisible();
	for (const href of hrefs.slice(0, 3)) {
		await open(page, href!);
		await expect(page.getByText(activity).first()).toBeVisible();
	}
	// A hand-typed address with nonsense in it shows the list, not an error.
	await open(page, '/sang-kien?don-vi=abc&ky=-3&sau=hôm-qua');
	await expect(feed(page)).toHaveCount(30);
});

test('a verifier above a work puts it among the exemplary ones; a member cannot', async ({ as, page, baseURL }) => {
	const verifier = await as('tuangiao');
	await open(verifier, '/don-vi');
	const district = await verifier.getByTestId('unit-tree').getByRole('link', { name: 'Huyện đoàn Tuần Giáo' }).getAttribute('href');
	await open(verifier, `/sang-kien?don-vi=${district!.split('/').at(-1)}`);
	const work = (await linksIn(verifier))[0]!;
	await open(verifier, work);
	const title = (await verifier.getByTestId('initiative-title').textContent())!;
	if ((await verifier.getByTestId('feature-toggle').textContent()) === 'Bỏ khỏi điển hình') {
		await verifier.getByTestId('feature-toggle').click();
		await expect(verifier.getByTestId('feature-done')).toHaveText('Đã bỏ khỏi mục Điển hình.');
	}
	await verifier.getByTestId('feature-toggle').click();
	await expect(verifier.getByTestId('feature-done')).toHaveText('Đã chọn làm sáng kiến điển hình: sáng kiến hiện trong mục Điển hình.');
	await expect(verifier.getByTestId('featured-mark')).toBeVisible();

	await open(page, '/sang-kien');
	await page.getByTestId('tab-featured').click();
	await expect(page).toHaveURL(/dien-hinh=1/);
	await expect(page.getByTestId('initiative-feed').getByRole('link', { name: title })).toBeVisible();
	await expect(feed(page).filter({ hasText: title }).getByTestId('featured-mark')).toBeVisible();

	// A member posting the same form is refused and the collection is unchanged.
	const member = await as('doanvien');
	const refused = await member.request.post(`${work}?/feature`, {
		form: { featured: '0' },
		headers: { origin: baseURL! }
	});
	expect(refused.status()).toBe(403);
	await open(page, '/sang-kien?dien-hinh=1');
	await expect(page.getByTestId('initiative-feed').getByRole('link', { name: title })).toBeVisible();
});
