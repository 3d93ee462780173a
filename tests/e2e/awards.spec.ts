import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open } from './helpers';

test('anyone reads the campaign’s award forms, quotas and criteria from the scoring rules page', async ({ page }) => {
	await open(page, '/cach-tinh-diem');
	await page.getByTestId('awards-link').click();
	await expect(page.getByRole('heading', { name: 'Khen thưởng', level: 1 })).toBeVisible();
	const provincial = page.locator('[data-testid="award-form"][data-code="BK_UBND_TINH"]');
	await expect(provincial).toContainText('Bằng khen của Chủ tịch UBND tỉnh');
	await expect(provincial).toContainText('Giai đoạn I');
	await expect(provincial).toContainText('Không khen hai lần');
	await expect(provincial).toContainText('thực hiện tốt chế độ thông tin, báo cáo');
	await expectNoHorizontalScroll(page);
});
