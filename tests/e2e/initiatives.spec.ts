import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { mainNav, open, PHOTO_WORK, vnDay } from './helpers';
import { expect, makePhotoFiles, newPerson, test } from './fixtures';

let files: Record<string, string>;
test.beforeAll(async () => {
	files = await makePhotoFiles();
});

/** Fills the initiative form (new or edit) with a VNeID activity. */
async function fillInitiative(
	page: Page,
	title: string,
	people: string,
	opts: { team?: string; participant?: string; story?: string } = {}
) {
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await page.getByTestId('measure-people').filter({ visible: true }).fill(people);
	await page
		.locator('#story')
		.fill(opts.story ?? 'Ba buổi tối ở nhà văn hoá bản, đoàn viên hướng dẫn bà con cài *VNeID*.\n\nBà con mang theo căn cước gắn chip.');
	await page.locator('#startedOn').fill(vnDay(-2));
	await page.locator('#place').fill('Nhà văn hoá bản Ta Ma');
	if (opts.team) await page.locator('#teamId').selectOption({ label: opts.team });
	if (opts.participant) await page.getByLabel(opts.participant).check();
}

test('a team logs an initiative with photos; the district returns it, then approves it; the public sees it', async ({
	as,
	browser
}, info) => {
	test.setTimeout(120_000);
	const stamp = Date.now().toString(36);
	const teamName = `Đội hình chuyển đổi số bản Ta Ma ${stamp}`;
	const title = `Hướng dẫn VNeID tại bản Ta Ma ${stamp}`;

	// tama registers a team and shows the invite link.
	const page = await as('tama');
	await open(page, '/doi-hinh/moi');
	await page.getByLabel('Tên đội hình').fill(teamName);
	await page.getByLabel('Nơi phục vụ (xã, bản...), mỗi dòng một nơi').fill('Bản Ta Ma\nBản Phiêng Cải');
	await page.getByTestId('team-save').click();
	await expect(page.getByTestId('team-name')).toHaveText(teamName);
	await page.getByTestId('team-invite').click();
	const invite = await page.getByTestId('team-invite-link').inputValue();
	await expect(page.getByTestId('team-invite-qr')).toBeVisible();

	// doanvien joins from the link.
	const member = await as('doanvien');
	await open(member, new URL(invite).pathname);
	await member.getByTestId('join-team').click();
	await expect(member.getByTestId('team-member-count')).toHaveText('2');
	await expect(member.getByTestId('team-joined')).toHaveText(`Bạn đã tham gia đội hình “${teamName}”.`);
	// A member registers no team: her page does not offer what would be refused.
	await open(member, '/toi');
	await expect(member.getByRole('link', { name: 'Đăng ký đội hình' })).toHaveCount(0);
	await member.context().close();

	// tama logs the initiative with three photos, then submits it.
	await open(page, '/sang-kien/moi');
	await fillInitiative(page, title, '120', { team: teamName, participant: 'Giàng A Viên' });
	await page.getByTestId('photo-input').setInputFiles([files.jpeg1!, files.jpeg2!, files.jpeg3!]);
	await expect(page.getByTestId('picked-photos').locator('li')).toHaveCount(3, PHOTO_WORK);
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible(PHOTO_WORK);
	await expect(page.getByTestId('stored-photos').locator('li')).toHaveCount(3);
	// Saved is not sent: "Của tôi" lists the draft under "Cần bạn xử lý", with the way back to its send button.
	const editUrl = new URL(page.url()).pathname;
	await open(page, '/toi');
	const draft = page.getByTestId('needs-attention').locator('li').filter({ hasText: title });
	await expect(draft.getByTestId('status-badge')).toHaveText('Bản nháp');
	await draft.getByTestId('draft-send-link').click();
	await expect(page).toHaveURL(new RegExp(`${editUrl}$`));
	await page.getByTestId('submit-initiative').click();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	const initiativeUrl = new URL(page.url()).pathname;

	// tuangiao returns it with a reason.
	const verifier = await as('tuangiao');
	await open(verifier, '/duyet');
	const item = verifier.getByTestId('review-item').filter({ hasText: title });
	await expect(item.getByTestId('review-waiting')).toHaveText('chờ chưa đến 1 ngày');
	await item.getByTestId('verify-more').click();
	await item.getByTestId('reason').fill('Thiếu danh sách người được hỗ trợ');
	await item.getByTestId('return').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã trả lại.');

	// tama sees why, fixes the number and resubmits. Any page tells her something came back: a count on "Của tôi".
	await open(page, '/');
	await expect(mainNav(page).getByTestId('nav-waiting')).toHaveText(/^[1-9]\d* sáng kiến bị trả lại đang chờ bạn sửa$/);
	await mainNav(page)
		.getByRole('link', { name: /Của tôi/ })
		.click();
	await expect(page.getByTestId('needs-attention')).toContainText('Thiếu danh sách người được hỗ trợ');
	await open(page, `${initiativeUrl}/sua`);
	await expect(page.getByTestId('return-reason')).toContainText('Thiếu danh sách');
	await page.getByTestId('measure-people').filter({ visible: true }).fill('95');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await page.getByTestId('submit-initiative').click();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');

	// tuangiao approves it from the queue in one tap.
	await open(verifier, '/duyet');
	await verifier.getByTestId('review-item').filter({ hasText: title }).getByTestId('approve').click();
	await expect(verifier.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	await verifier.context().close();

	// The public finds it (without diacritics) and reads the story, numbers, photos and history.
	const publicContext = await newPerson(browser, info);
	const visitor = await publicContext.newPage();
	await visitor.goto(`/sang-kien?q=${encodeURIComponent(`huong dan vneid tai ban ta ma ${stamp}`)}`);
	await visitor.getByTestId('initiative-feed').getByRole('link', { name: title }).click();
	await expect(visitor.getByTestId('initiative-title')).toHaveText(title);
	await expect(visitor.getByTestId('initiative-measures')).toContainText('95');
	await expect(visitor.getByTestId('story-text').locator('em')).toHaveText('VNeID');
	await expect(visitor.getByTestId('initiative-photos').locator('img')).toHaveCount(3);
	// Each photo link says what it opens (the images are decorative inside it).
	await expect(
		visitor.getByTestId('initiative-photos').getByRole('link', { name: `Ảnh 2/3 của “${title}” (mở cỡ lớn trong thẻ mới)` })
	).toHaveCount(1);
	const history = visitor.getByTestId('initiative-history');
	await expect(history).toContainText('Huyện đoàn Tuần Giáo trả lại: Thiếu danh sách người được hỗ trợ');
	await expect(history).toContainText('Được xác nhận bởi Huyện đoàn Tuần Giáo');
	// The stored files carry no EXIF (and so no GPS position).
	for (const src of await visitor
		.getByTestId('initiative-photos')
		.locator('img')
		.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src))) {
		for (const url of [src, src.replace(/\/nho$/, '/lon')]) {
			const res = await visitor.request.get(url);
			expect(res.headers()['content-type']).toBe('image/webp');
			const meta = await sharp(await res.body()).metadata();
			expect(meta.exif, url).toBeUndefined();
			expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(url.endsWith('/lon') ? 1600 : 400);
		}
	}
	await publicContext.close();
});

test('nobody approves their own work (403, nothing changes)', async ({ as }) => {
	const stamp = Date.now().toString(36);
	const page = await as('tama');
	await open(page, '/sang-kien/moi');
	await fillInitiative(page, `Tự duyệt ${stamp}`, '10');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	const id = new URL(page.url()).pathname.split('/')[2];
	await page.getByTestId('submit-initiative').click();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	const origin = new URL(page.url()).origin;
	const own = await page.request.post(`/sang-kien/${id}?/approve`, { form: { revision: '1' }, headers: { origin } });
	expect(own.status()).toBe(403);
	await page.reload();
	await expect(page.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
});

test('nobody approves another district’s work, nor even sees it (403, 404, not in the queue)', async ({ as }) => {
	const stamp = Date.now().toString(36);
	// tinhdoan logs one for a branch in Mường Nhé; tuangiao (Tuần Giáo) may not touch it.
	const province = await as('tinhdoan');
	// Only a lookup of the branch's id in the server-rendered results: no need to wait for the page's scripts.
	await province.goto('/don-vi?q=chi+doan+ban+muong+nhe');
	const branch = (await province.getByTestId('unit-search-results').getByRole('link').first().getAttribute('href'))!.split('/').pop();
	await open(province, `/sang-kien/moi?don-vi=${branch}`);
	await fillInitiative(province, `Mường Nhé ${stamp}`, '30');
	await province.getByTestId('initiative-save').click();
	await expect(province.getByTestId('saved')).toBeVisible();
	const otherId = new URL(province.url()).pathname.split('/')[2];
	const origin = new URL(province.url()).origin;
	await province.getByTestId('submit-initiative').click();
	await expect(province.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	await province.context().close();

	const verifier = await as('tuangiao');
	const foreign = await verifier.request.post(`/sang-kien/${otherId}?/approve`, { form: { revision: '1' }, headers: { origin } });
	expect(foreign.status()).toBe(403);
	expect((await verifier.goto(`/sang-kien/${otherId}`))?.status()).toBe(404);
	await open(verifier, '/duyet');
	await expect(verifier.getByTestId('review-item').filter({ hasText: `Mường Nhé ${stamp}` })).toHaveCount(0);
});
