import { open, readQr, vnDay } from './helpers';
import { expect, logVneidInitiative, test } from './fixtures';

test('at the event the secretary shows a QR code; a member scans it, checks in and is on the work’s participants', async ({ as }) => {
	test.setTimeout(60_000);
	const secretary = await as('tama');
	const title = `Điểm danh QR ${Date.now().toString(36)}`;
	const id = await logVneidInitiative(secretary, title, { day: vnDay(0) });
	await open(secretary, `/sang-kien/${id}`);
	await secretary.getByTestId('open-check-in').click();
	await expect(secretary).toHaveURL(new RegExp(`/sang-kien/${id}/diem-danh$`));
	await expect(secretary.getByTestId('check-in-count')).toHaveText('0 người đã điểm danh');

	// What the phone's camera reads is the address of this minute's code.
	const qr = secretary.getByTestId('check-in-qr');
	await expect(qr).toBeVisible();
	const scanned = (await readQr(qr))!;
	expect(scanned).toBe(await secretary.getByTestId('check-in-link').getAttribute('href'));
	expect(new URL(scanned).pathname).toMatch(new RegExp(`^/diem-danh/${id}/\\d+\\.[A-Za-z0-9_-]{22}$`));

	const member = await as('doanvien');
	await member.goto(scanned);
	await expect(member.getByText(`Bạn đang điểm danh tham gia “${title}”.`)).toBeVisible();
	await member.getByTestId('check-in-confirm').click();
	await expect(member.getByTestId('check-in-done')).toHaveText(`Đã điểm danh: bạn có tên trong danh sách người tham gia “${title}”.`);

	// The organiser's screen counts her within its next refresh; the work lists her among its participants.
	await expect(secretary.getByTestId('check-in-count')).toHaveText('1 người đã điểm danh', { timeout: 15_000 });
	const name = (await secretary.getByTestId('check-in-list').locator('li span').first().textContent())!;
	await open(secretary, `/sang-kien/${id}`);
	await expect(secretary.getByText(`Đoàn viên tham gia: ${name}`)).toBeVisible();

	// A forged code changes nothing.
	await member.goto(scanned.replace(/\.[A-Za-z0-9_-]{22}$/, '.AAAAAAAAAAAAAAAAAAAAAA'));
	await member.getByTestId('check-in-confirm').click();
	await expect(member.getByTestId('check-in-error')).toHaveText('Mã điểm danh không đúng. Hãy quét lại mã đang chiếu.');
});

test('a work from another day has no code to show', async ({ as }) => {
	const secretary = await as('tama');
	const id = await logVneidInitiative(secretary, `Hôm qua ${Date.now().toString(36)}`, { day: vnDay(-1) });
	await open(secretary, `/sang-kien/${id}/diem-danh`);
	await expect(secretary.getByTestId('check-in-refused')).toHaveText('Chỉ điểm danh được trong những ngày diễn ra hoạt động.');
	await expect(secretary.getByTestId('check-in-qr')).toHaveCount(0);
});
