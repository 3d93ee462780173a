import { lastYearDay, open, vnDay } from './helpers';
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

test('a member tells her branch of work of her own; her secretary logs it from there, with her on it, and she hears so', async ({ as }) => {
	test.setTimeout(90_000);
	const stamp = Date.now().toString(36);
	const title = `Hướng dẫn bà con cài VNeID ${stamp}`;

	const member = await as('doanvien');
	await open(member, '/toi');
	const card = member.getByTestId('own-claim-card');
	await expect(card).toContainText('Báo việc bạn đã làm');
	await member.getByTestId('own-title').fill(title);
	await member.getByTestId('own-day').fill(vnDay(-1));
	await member.getByTestId('own-note').fill('Cài cho 5 người ở nhà văn hoá bản');
	await member.getByTestId('own-send').click();
	await expect(member.getByTestId('own-sent')).toHaveText('Đã gửi. Bí thư sẽ ghi thành sáng kiến hoặc báo lại cho bạn.');
	await expect(member.getByTestId('own-claim-mine').filter({ hasText: title })).toContainText('Chờ xác nhận');

	// tama is reminded under the bell, finds it on her page and logs it: the form starts from what doanvien told,
	// with her ticked.
	const secretary = await as('tama');
	await open(secretary, '/thong-bao');
	const reminder = secretary.getByTestId('own-claims-due');
	await expect(reminder).toHaveText(/^\d+ lời báo việc của đoàn viên chờ bạn ghi thành sáng kiến hoặc từ chối$/);
	await reminder.getByRole('link').click();
	await expect(secretary).toHaveURL(/\/toi#own-waiting-title$/);
	const told = secretary.getByTestId('own-claim').filter({ hasText: title });
	await expect(told).toContainText('Giàng A Viên');
	await expect(told).toContainText('Cài cho 5 người ở nhà văn hoá bản');
	await told.getByTestId('own-claim-log').click();
	await expect(secretary.getByTestId('from-claim')).toContainText('Ghi từ việc Giàng A Viên đã báo.');
	await expect(secretary.locator('#title')).toHaveValue(title);
	await expect(secretary.locator('#story')).toHaveValue('Cài cho 5 người ở nhà văn hoá bản');
	await expect(secretary.getByLabel('Giàng A Viên')).toBeChecked();
	await secretary
		.locator('#activityTypeId')
		.selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await secretary.getByTestId('measure-people').filter({ visible: true }).fill('5');
	await secretary.locator('#place').fill('Nhà văn hoá bản Ta Ma');
	await secretary.getByTestId('initiative-save').click();
	await expect(secretary.getByTestId('saved')).toBeVisible();
	const workPath = new URL(secretary.url()).pathname.replace(/\/sua$/, '');
	await open(secretary, '/toi');
	await expect(secretary.getByTestId('own-claim').filter({ hasText: title })).toHaveCount(0);

	// doanvien's page links to the work; her bell brought the news.
	await open(member, '/toi');
	const mine = member.getByTestId('own-claim-mine').filter({ hasText: title });
	await expect(mine).toContainText('Đã ghi thành sáng kiến');
	await expect(mine.getByRole('link', { name: title })).toHaveAttribute('href', workPath);
	await open(member, '/thong-bao');
	await expect(member.getByTestId('notice').filter({ hasText: `Bạn đã được ghi nhận là người tham gia “${title}”.` })).toBeVisible();
});

test('a secretary declines a member’s account with a reason, which she reads on her page', async ({ as }) => {
	const title = `Việc đã có ${Date.now().toString(36)}`;
	const member = await as('doanvien');
	await open(member, '/toi');
	await member.getByTestId('own-title').fill(title);
	await member.getByTestId('own-day').fill(vnDay(1));
	await member.getByTestId('own-note').fill('Tập huấn chữ ký số');
	await member.getByTestId('own-send').click();
	// A future day is refused on the server, with what was typed kept.
	await expect(member.getByRole('alert')).toHaveText('Ngày thực hiện không được ở tương lai.');
	await expect(member.getByTestId('own-title')).toHaveValue(title);
	await member.getByTestId('own-day').fill(vnDay(-3));
	await member.getByTestId('own-send').click();
	await expect(member.getByTestId('own-sent')).toBeVisible();

	const secretary = await as('tama');
	await open(secretary, '/toi');
	const told = secretary.getByTestId('own-claim').filter({ hasText: title });
	await told.getByTestId('claim-reason').fill('Đã có trong sáng kiến tuần trước');
	await told.getByTestId('claim-decline').click();
	await expect(secretary.getByTestId('own-declined')).toHaveText('Đã báo cho Giàng A Viên lý do không xác nhận.');

	await open(member, '/toi');
	const mine = member.getByTestId('own-claim-mine').filter({ hasText: title });
	await expect(mine).toContainText('Không được xác nhận');
	await expect(mine).toContainText('Lý do: Đã có trong sáng kiến tuần trước');
});
