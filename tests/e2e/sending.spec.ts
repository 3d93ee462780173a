import { lastYearDay, open } from './helpers';

import { expect, logVneidInitiative, test } from './fixtures';

test('a secretary sends from where the save left her, takes the work back to fix it, and the verifier sees what changed', async ({
	as
}) => {
	test.setTimeout(60_000);
	const title = `Rút lại để sửa ${Date.now().toString(36)}`;
	const secretary = await as('tama');
	const id = await logVneidInitiative(secretary, title, { day: lastYearDay() });
	// Saved: the next step is offered right where she is looking, not screens below.
	const send = secretary.getByTestId('saved-send');
	await expect(send).toBeInViewport();
	await send.click();
	await expect(secretary).toHaveURL(new RegExp(`/sang-kien/${id}\\?da-gui=1$`));
	await expect(secretary.getByTestId('sent')).toHaveText('Đã gửi. Cấp trên sẽ xem xét.');

	// Nobody has looked at it yet: she takes it back, fixes the number and sends it again.
	await secretary.getByTestId('withdraw').click();
	await expect(secretary).toHaveURL(new RegExp(`/sang-kien/${id}/sua\\?vua-xong=withdraw$`));
	await expect(secretary.getByTestId('step-done')).toHaveText('Đã rút lại. Sửa xong thì gửi lại cấp trên.');
	await secretary.getByTestId('measure-people').filter({ visible: true }).fill('120');
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('sent')).toBeVisible();

	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const card = verifier.getByTestId('review-item').filter({ hasText: title });
	await expect(card.getByTestId('review-changes')).toContainText('Người gửi rút lại để sửa');
	await expect(card.getByTestId('review-change')).toHaveText([/100 → 120$/]);
});

test('work already decided cannot be taken back', async ({ as }) => {
	const title = `Đã duyệt rồi ${Date.now().toString(36)}`;
	const secretary = await as('tama');
	const id = await logVneidInitiative(secretary, title, { day: lastYearDay() });
	await secretary.getByTestId('submit-initiative').click();
	await expect(secretary.getByTestId('withdraw')).toBeVisible();
	const verifier = await as('tuangiao');
	await open(verifier, `/sang-kien/${id}`);
	await verifier.getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	// Her page is from before the approval: the button is there, the server refuses it and nothing changes.
	await secretary.getByTestId('withdraw').click();
	await expect(secretary.getByText('Sáng kiến vừa được người khác thay đổi. Hãy tải lại trang.')).toBeVisible();
	await open(secretary, `/sang-kien/${id}`);
	await expect(secretary.getByTestId('withdraw')).toHaveCount(0);
	await expect(secretary.getByText('Được xác nhận bởi Huyện đoàn Tuần Giáo')).toBeVisible();
	await expect(secretary.getByText('Người gửi rút lại để sửa')).toHaveCount(0);
});
