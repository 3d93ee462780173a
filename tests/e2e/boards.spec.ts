import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open } from './helpers';
import type { Locator, Page } from '@playwright/test';

/** Whether the element sits whole on the first screen, above the phone's bottom bar when there is one. */
async function onFirstScreen(page: Page, element: Locator): Promise<boolean> {
	const box = await element.boundingBox();
	const floor = await page.evaluate(() => {
		const bar = document.querySelector('[data-testid="bottom-nav"]');
		const top = bar && getComputedStyle(bar).display !== 'none' ? bar.getBoundingClientRect().top : window.innerHeight;
		return top;
	});
	return !!box && box.y >= 0 && box.y + box.height <= floor;
}

test('a member lands on her own branch’s board with her row and its marker on the first screen', async ({ as }) => {
	const page = await as('doanvien');
	await open(page, '/bang-xep-hang');
	const contexts = page.getByRole('navigation', { name: 'Bảng của tôi' });
	await expect(contexts.getByRole('link', { name: 'Đoàn viên · Chi đoàn bản Ta Ma' })).toHaveAttribute('aria-current', 'page');
	await expect(page.getByTestId('board-choice')).toContainText(/^\s*Năm \d{4} · Đoàn viên · Chi đoàn bản Ta Ma/);
	const mine = page.getByTestId('my-row');
	await expect(mine.getByTestId('you-marker')).toHaveText('Bạn');
	expect(await onFirstScreen(page, mine)).toBe(true);
	expect(await onFirstScreen(page, mine.getByTestId('you-marker'))).toBe(true);
	await expectNoHorizontalScroll(page);

	// One tap moves to her branch among the commune's branches, still with her own row marked.
	await contexts.getByRole('link', { name: 'Chi đoàn · Đoàn xã Ta Ma' }).click();
	await expect(contexts.getByRole('link', { name: 'Chi đoàn · Đoàn xã Ta Ma' })).toHaveAttribute('aria-current', 'page');
	await expect(page.getByTestId('my-row').getByTestId('row-name')).toHaveText('Chi đoàn bản Ta Ma');
	expect(await onFirstScreen(page, page.getByTestId('my-row'))).toBe(true);
});

test('a visitor sees the board first; the other boards sit behind one tap', async ({ page }) => {
	await open(page, '/bang-xep-hang');
	await expect(page.getByRole('navigation', { name: 'Bảng của tôi' })).toHaveCount(0);
	const first = page.getByTestId('board-rows').getByRole('listitem').first();
	expect(await onFirstScreen(page, first)).toBe(true);
	await expect(page.getByTestId('board-subject')).toBeHidden();
	await page.getByTestId('board-choice').click();
	await page.getByTestId('board-subject').selectOption('member');
	await expect(page).toHaveURL(/doi-tuong=member/);
	await expect(page.getByTestId('board-choice')).toContainText('Đoàn viên · Tỉnh đoàn Điện Biên');
	await expectNoHorizontalScroll(page);
});
