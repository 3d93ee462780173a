import { expect, test } from './fixtures';
import { open } from './helpers';

test('the province admin’s top bar stays on one line from a small laptop to a wide screen, every page within reach', async ({ as }) => {
	const page = await as('tinhdoan');
	for (const width of [800, 1024, 1280, 1920]) {
		await page.setViewportSize({ width, height: 800 });
		await open(page, '/toi');
		const bar = page.getByTestId('top-nav');
		await expect(bar).toBeVisible();
		const heights = await bar
			.locator(':scope > a, :scope > details > summary')
			.evaluateAll((links) => links.filter((l) => l.getBoundingClientRect().width > 0).map((l) => l.getBoundingClientRect().height));
		expect(Math.max(...heights), `at ${width} px`).toBeLessThan(40);
		expect(await page.locator('header').evaluate((h) => h.getBoundingClientRect().height), `at ${width} px`).toBe(56);
		// What does not fit sits under "Thêm", one tap away.
		const figures = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Số liệu' });
		if (width < 1280) {
			await page.getByTestId('nav-more').locator('summary').click();
			await figures.click();
		} else await figures.click();
		await expect(page).toHaveURL(/\/so-lieu$/);
		await expect(page.getByTestId('nav-more')).not.toHaveAttribute('open');
	}
});
