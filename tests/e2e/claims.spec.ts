import { lastYearDay, open } from './helpers';
import { expect, test } from './fixtures';

test('a member says she took part in her team’s work; her secretary hears it, confirms, and she is on its participants', async ({ as }) => {
	test.setTimeout(90_000);
	const stamp = Date.now().toString(36);
	const teamName = `Đội hình nhận việc ${stamp}`;
	const title = `Tối thứ Bảy cài VNeID ${stamp}`;

	// tama registers a team; doanvien joins it from the invite.
	const secretary = await as('tama');
	await open(secretary, '/doi-hinh/moi');
	await secretary.getByLabel('Tên đội hình').fill(teamName);
	await secretary.getByLabel('Nơi phục vụ (xã, bản...), mỗi dòng một nơi').fill('Bản Ta Ma');
	await secretary.getByTestId('team-save').click();
	await secretary.getByTestId('team-invite').click();
	const invite = await secretary.getByTestId('team-invite-link').inputValue();
	const member = await as('doanvien');
	await open(member, new URL(invite).pathname);
	await member.getByTestId('join-team').click();
	await expect(member.getByTestId('team-joined')).toBeVisible();

	// tama logs the team's work and saves it, without naming doanvien.
	await open(secretary, '/sang-kien/moi');
	await secretary.locator('#title').fill(title);
	await secretary
		.locator('#activityTypeId')
		.selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await secretary.getByTestId('measure-people').filter({ visible: true }).fill('30');
	await secretary.locator('#story').fill('Buổi tối ở nhà văn hoá bản.');
	await secretary.locator('#startedOn').fill(lastYearDay());
	await secretary.locator('#place').fill('Bản Ta Ma');
	await secretary.locator('#teamId').selectOption({ label: teamName });
	await secretary.getByTestId('initiative-save').click();
	await expect(secretary.getByTestId('saved')).toBeVisible();
	const workPath = new URL(secretary.url()).pathname.replace(/\/sua$/, '');

	// doanvien finds it on her page and says what she did.
	await open(member, '/toi');
	await member.getByRole('link', { name: title }).first().click();
	await expect(member).toHaveURL(new RegExp(`${workPath}$`));
	const card = member.getByTestId('claim-card');
	await expect(card).toContainText('Bạn có tham gia việc này?');
	await member.getByTestId('claim-note').fill('Hướng dẫn 12 người cài VNeID');
	await member.getByTestId('claim-send').click();
	await expect(member.getByTestId('claim-state')).toHaveText('Bạn đã báo tham gia việc này: đang chờ xác nhận.');

	// tama hears it under the bell, and her page says a claim waits on the work.
	await open(secretary, '/toi');
	await expect(secretary.getByTestId('notice-count')).toBeVisible();
	const waiting = secretary.getByTestId('claims-waiting-link').filter({ hasText: '1 người báo đã tham gia' });
	await expect(waiting).toBeVisible();
	await secretary.getByTestId('needs-attention').locator('li').filter({ hasText: title }).getByTestId('claims-waiting-link').click();
	const claim = secretary.getByTestId('claim').filter({ hasText: 'Giàng A Viên' });
	await expect(claim).toContainText('Hướng dẫn 12 người cài VNeID');

	// Declining needs a reason; confirming puts her on the participants.
	await claim.getByTestId('claim-decline').click();
	await expect(claim.getByRole('alert')).toHaveText('Hãy ghi lý do không xác nhận để đoàn viên biết.');
	await claim.getByTestId('claim-confirm').click();
	await expect(secretary.getByTestId('claim-decided')).toHaveText('Đã xác nhận: Giàng A Viên có tên trong danh sách người tham gia.');
	await expect(secretary.getByText(/Đoàn viên tham gia: .*Giàng A\. V\./)).toBeVisible();

	// doanvien's page says so, and her bell brought the news.
	await open(member, workPath);
	await expect(member.getByTestId('claim-state')).toHaveText('Bạn có tên trong danh sách người tham gia.');
	await open(member, '/thong-bao');
	await expect(member.getByTestId('notice').filter({ hasText: `Bạn đã được ghi nhận là người tham gia “${title}”.` })).toBeVisible();
});
