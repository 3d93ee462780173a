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

test('the standing office sets a form’s phase II quota; a word is refused; the public page shows the quota', async ({ as }) => {
	const office = await as('tinhdoan');
	await open(office, '/quan-tri/khen-thuong');
	const card = office.locator('details').filter({ has: office.locator('[data-testid="award-editor"][data-code="BK_UBND_TINH"]') });
	await card.locator('summary').click();
	const editor = card.getByTestId('award-editor');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.collective"]').fill('ba');
	await editor.getByTestId('award-save').click();
	await expect(office.getByTestId('award-quota-error').first()).toContainText('số nguyên');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.collective"]').fill('3');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.individual"]').fill('10');
	await editor.getByTestId('award-save').click();
	await expect(office.getByTestId('award-done')).toHaveText('Đã lưu hình thức khen thưởng.');
	await expectNoHorizontalScroll(office);

	await open(office, '/khen-thuong');
	await expect(office.locator('[data-testid="award-form"][data-code="BK_UBND_TINH"]').getByTestId('award-quotas')).toContainText(
		'Giai đoạn II (2026-2030): 3 tập thể, 10 cá nhân'
	);
});

test('once a year is closed, the office sees award candidates from its frozen boards, proposes one, selects it and records the decision', async ({
	as
}) => {
	const office = await as('tinhdoan');
	await open(office, '/quan-tri/ky-thi-dua');
	await office.getByTestId('close-Y2023').click();
	await expect(office.getByTestId('reopen-Y2023')).toBeVisible();
	try {
		await open(office, '/khen-thuong');
		await office.getByTestId('awards-suggest-link').click();
		await expect(office.getByRole('heading', { name: 'Gợi ý đề nghị khen thưởng' })).toBeVisible();
		await expect(office.getByTestId('suggest-period')).toHaveValue(/\d+/);
		await expect(office.getByTestId('suggest-period').locator('option:checked')).toHaveText('Năm 2023');
		await expect(office.getByTestId('suggest-forms')).toContainText('Bằng khen của Chủ tịch UBND tỉnh');
		const first = office.getByTestId('suggest-board').first().getByTestId('suggest-row').first();
		await expect(first.locator('td').first()).toHaveText('1');
		await expectNoHorizontalScroll(office);

		// The leader is proposed with its citation (none is refused), then selected by the office within the quota.
		await first.getByTestId('nominate-open').click();
		await first.getByTestId('nominate-submit').click();
		await expect(first.getByTestId('nominate-error')).toHaveText('Hãy ghi thành tích để cấp trên xét.');
		await first.getByTestId('nominate-citation').fill('Dẫn đầu phong trào năm 2023 với nhiều sáng kiến hỗ trợ VNeID.');
		await first.getByTestId('nominate-submit').click();
		await expect(first.getByTestId('nominate-done')).toHaveText('Đã gửi đề nghị khen thưởng.');
		await office.getByTestId('nominations-link').click();
		const row = office.getByTestId('nomination-row').filter({ hasText: 'Dẫn đầu phong trào năm 2023' });
		await expect(row.getByTestId('nomination-status')).toHaveText('Chờ xét');
		await row.getByTestId('nomination-select').click();
		await expect(row.getByTestId('nomination-status')).toHaveText('Được chọn');
		await expectNoHorizontalScroll(office);

		// The signed decision is recorded; the public page lists the award with its citation.
		const decision = office.getByTestId('decision-form').first();
		await decision.getByTestId('decision-number').fill('125/QĐ-TĐ');
		await decision.getByTestId('decision-signer').fill('Bí thư Tỉnh đoàn');
		await decision.getByTestId('decision-record').click();
		await expect(office.getByTestId('decision-done').first()).toContainText('Đã ghi quyết định');
		await expect(row.getByTestId('nomination-status')).toHaveText('Đã khen thưởng');
		await open(office, '/khen-thuong');
		const given = office.getByTestId('award-given').filter({ hasText: 'Dẫn đầu phong trào năm 2023' });
		await expect(given).toContainText('125/QĐ-TĐ');
		await expectNoHorizontalScroll(office);
		// The awarded unit's page keeps it in its history.
		await given.getByTestId('award-unit-link').click();
		await expect(office.getByTestId('unit-awards')).toContainText('Dẫn đầu phong trào năm 2023');
	} finally {
		// Other tests read this year's boards live: leave it open as it was.
		await open(office, '/quan-tri/ky-thi-dua');
		await office.getByTestId('reopen-Y2023').click();
		await expect(office.getByTestId('close-Y2023')).toBeVisible();
	}
});
