import { open } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';

// The lost correction (security issue, finding 0): a returned initiative is corrected and sent straight
// away, without tapping "Lưu" first. What reaches the verifier is what was on the screen.
test('a correction typed on a returned initiative and sent without saving reaches the verifier', async ({ as }) => {
	test.setTimeout(60_000);
	const title = `Chữ ký số cho hộ kinh doanh ${Date.now().toString(36)}`;
	const secretary = await as('tama');
	const id = await logVneidInitiative(secretary, title);
	await secretary.getByTestId('measure-people').filter({ visible: true }).fill('300');
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();

	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const item = verifier.getByTestId('review-item').filter({ hasText: title });
	await expect(item.getByTestId('review-measures')).toContainText('300');
	await item.getByTestId('verify-more').click();
	await item.getByTestId('reason').fill('300 người là quá cao so với thực tế');
	await item.getByTestId('return').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã trả lại.');

	await open(secretary, `/sang-kien/${id}/sua`);
	await secretary.getByTestId('measure-people').filter({ visible: true }).fill('30');
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();
	await expect(secretary.getByTestId('initiative-measures')).toContainText('30');

	await open(verifier, '/duyet');
	await expect(item.getByTestId('review-measures')).toContainText('30');
	await expect(item.getByTestId('review-measures')).not.toContainText('300');
	// The card says why it came back and what the secretary changed since.
	await expect(item.getByTestId('review-changes')).toContainText('Đã trả lại để sửa: 300 người là quá cao so với thực tế');
	await expect(item.getByTestId('review-change')).toHaveText([/300 → 30$/]);
});
