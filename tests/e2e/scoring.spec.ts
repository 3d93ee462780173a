import { expectNoHorizontalScroll, open } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';

test('the boards show ranks from the demo ledger, and every score is explained by the entries behind it', async ({ page }) => {
	await open(page, '/bang-xep-hang?doi-tuong=member&ky=PH1');
	const rows = page.getByTestId('board-rows').getByTestId('board-row');
	await expect(rows.first()).toBeVisible();
	const ranks = (await rows.getByTestId('rank').allTextContents()).map(Number);
	const scores = (await rows.getByTestId('row-score').allTextContents()).map((s) => Number(s.replace(/\./g, '')));
	// Competition ranks: a tie repeats the rank, the next rank skips.
	scores.forEach((score, i) => {
		if (i > 0) expect(ranks[i]).toBe(score === scores[i - 1] ? ranks[i - 1] : i + 1);
	});
	await expectNoHorizontalScroll(page);
	await rows.first().getByRole('link').click();
	await expect(page.getByTestId('explain-total')).toHaveText(String(scores[0]!.toLocaleString('vi-VN')));
	await expect(page.getByTestId('explain-board-score')).toHaveText(String(scores[0]!.toLocaleString('vi-VN')));
});

test('approving an initiative moves the unit on the board; revoking it puts the board back', async ({ as }) => {
	const page = await as('tama');
	// Work dated in the demo's 2026 summer drive, and its board: no other spec logs work in that period, so their
	// approvals of Ta Ma's work (initiatives.spec, in the other worker) cannot move this board meanwhile.
	const day = '2026-07-15';
	const board = `/bang-xep-hang?doi-tuong=grassroots&pham-vi=&ky=HE2026`;
	await open(page, board);
	const taMa = page.getByTestId('board-rows').locator('li', { hasText: 'Đoàn xã Ta Ma' });
	const before = (await taMa.count()) ? Number((await taMa.getByTestId('row-score').textContent())!.replace(/\./g, '')) : 0;

	const id = await logVneidInitiative(page, `Điểm mới ${Date.now().toString(36)}`, { day });
	await page.getByTestId('submit-initiative').click();
	// Submitted before the verifier looks: their page would not show it otherwise.
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');

	const verifier = await as('tuangiao');
	await open(verifier, `/sang-kien/${id}`);
	await verifier.getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');

	// Demo rule for VNeID: 10 points per initiative + 1 point per 10 people helped: 10 + 10 = 20.
	await open(page, board);
	await expect(taMa.getByTestId('row-score')).toHaveText((before + 20).toLocaleString('vi-VN'));

	// The verifier's page has turned into the revoke form after the approval (no reload needed).
	await verifier.getByLabel('Lý do').fill('Xác nhận nhầm');
	await verifier.getByTestId('revoke').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã thu hồi xác nhận.');
	await open(page, board);
	if (before === 0) await expect(taMa).toHaveCount(0);
	else await expect(taMa.getByTestId('row-score')).toHaveText(before.toLocaleString('vi-VN'));
});
