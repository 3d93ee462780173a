import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, newPerson, test } from './fixtures';
import { expectNoHorizontalScroll, login, open, vnDay } from './helpers';
import { startServer, type RunningServer } from '../helpers/server';

// First run, as a person does it: an empty server without the demo prints a one-time link; the form on a phone
// creates the root unit and the first province admin, lands on /quan-tri with the "no campaign yet" advice, and
// the link then says it is no longer valid. Its own server: the shared e2e servers run the demo.

const TA_MA = join(import.meta.dirname, '../../campaigns/001-ubnd-xa-ta-ma.json');
const ADMIN_PASSWORD = 'mây trắng bay qua đèo';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let link: string;
test.beforeAll(async () => {
	server = await startServer({ SEED_DEMO: 'false' });
	const found = /\/thiet-lap\/[a-z2-9]{24}/.exec(server.output());
	if (!found) throw new Error(`no set-up link printed:\n${server.output()}`);
	link = `${server.url}${found[0]}`;
});
test.afterAll(async () => {
	await server?.stop();
});

test('the first province admin sets up the installation from the printed link', async ({ page }) => {
	test.setTimeout(60_000);
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await expectNoHorizontalScroll(page);

	await page.getByLabel('Tên đơn vị').fill('UBND xã Ta Ma');
	await page.getByLabel('Tên ngắn').fill('Xã Ta Ma');
	await expect(page.getByLabel('Cấp đơn vị')).toHaveValue('province');
	await page.getByLabel('Cấp đơn vị').selectOption('commune');
	await page.getByLabel('Họ và tên').fill('Lò Thị Thiết');
	await page.getByLabel('Tên đăng nhập').fill('vanphong');
	await page.getByLabel('Mật khẩu', { exact: true }).fill('tienphong1');
	await page.getByLabel('Nhập lại mật khẩu').fill('tienphong1');
	await page.getByTestId('setup-submit').click();
	// A guessable password is refused in Vietnamese; what was typed stays, the passwords do not.
	await expect(page.getByTestId('password-error')).toContainText('Mật khẩu này quá dễ đoán');
	await expect(page.getByLabel('Tên đơn vị')).toHaveValue('UBND xã Ta Ma');

	await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN_PASSWORD);
	await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN_PASSWORD);
	await page.getByTestId('setup-submit').click();
	await expect(page).toHaveURL(/\/quan-tri\?da-thiet-lap=1$/);
	await expect(page.getByTestId('setup-welcome')).toBeVisible();
	await expect(page.getByTestId('admin-scopes')).toContainText('UBND xã Ta Ma');
	const noCampaign = page.getByTestId('no-campaign');
	await expect(noCampaign).toContainText('Chưa có phong trào: hãy nhập tệp phong trào.');
	await expect(noCampaign.getByRole('link', { name: 'Nhập tệp phong trào' })).toHaveAttribute('href', '/quan-tri/phong-trao/nhap');
	await expectNoHorizontalScroll(page);

	// The council that will verify the province's own work starts empty, and the page says why that matters.
	await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Hội đồng xác nhận' }).click();
	await expect(page.getByTestId('council-too-small')).toContainText('Hội đồng cần ít nhất 2 thành viên (hiện có 0)');
	await page.getByLabel('Tên đăng nhập, số điện thoại hoặc email').fill('khongai');
	await page.getByTestId('council-add').click();
	await expect(page.getByTestId('council-identifier-error')).toContainText('Không tìm thấy người');
	await expectNoHorizontalScroll(page);

	// The link is spent.
	await page.goto(link);
	await expect(page.getByTestId('setup-spent')).toContainText('Đường dẫn thiết lập này đã được dùng');
	await expect(page.getByTestId('setup-form')).toHaveCount(0);
});

test('the commune runs its own campaign from the 001 file: a bản logs work, the commune approves it, the bản leads its board and the big screen', async ({
	browser
}, info) => {
	test.setTimeout(180_000);
	const at = (path: string) => `${server.url}${path}`;
	const fresh = () => newPerson(browser, info);

	const admin = await (await fresh()).newPage();
	await test.step('the admin imports the campaign file 001, owned by the root', async () => {
		await login(admin, 'vanphong', ADMIN_PASSWORD, server.url);
		await open(admin, at('/quan-tri/phong-trao/nhap'));
		await admin.getByTestId('campaign-file').setInputFiles(TA_MA);
		await admin.getByTestId('campaign-owner').selectOption({ label: 'UBND xã Ta Ma' });
		await admin.getByTestId('campaign-preview-button').click();
		await expect(admin.getByTestId('campaign-preview')).toContainText('Sẽ tạo phong trào mới');
		await admin.getByTestId('campaign-confirm').click();
		await expect(admin.getByTestId('campaign-imported')).toContainText('Đã nhập tệp phong trào');
		await expectNoHorizontalScroll(admin);
	});

	let passwordLink = '';
	await test.step('the admin imports a workbook of bản and people, and downloads the password links', async () => {
		await open(admin, at('/quan-tri/nhap-du-lieu'));
		// A new installation's template has no unit rows yet: the page names the root's code to write as parent.
		await expect(admin.getByTestId('top-unit-codes')).toContainText('UBND xã Ta Ma');
		const rootCode = await admin.getByTestId('top-unit-codes').locator('[data-code]').first().getAttribute('data-code');
		expect(rootCode).toMatch(/^DV\d+$/);
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Đơn vị').addRows([
			['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên'],
			['BAN-TAMA', 'Bản Ta Ma', 'Bản Ta Ma', 'Bản', rootCode],
			['BAN-PHIENGCAI', 'Bản Phiêng Cải', 'Bản Phiêng Cải', 'Bản', rootCode],
			['CQ-TRAMYTE', 'Trạm Y tế xã Ta Ma', 'Trạm Y tế', 'Cơ quan, đơn vị', rootCode]
		]);
		book.addWorksheet('Người').addRows([
			['Họ và tên', 'Tên đăng nhập', 'Số điện thoại', 'Mã đơn vị', 'Ngày vào', 'Vai trò'],
			['Lò Thị Bản', 'bithu.tama', '0912345601', 'BAN-TAMA', '01/03/2024', 'Bí thư'],
			['Giàng A Dếnh', '', '0912345602', 'BAN-TAMA', '01/03/2024', ''],
			['Quàng Văn Cải', '', '0912345603', 'BAN-PHIENGCAI', '01/03/2024', '']
		]);
		await admin.locator('#file').setInputFiles({
			name: 'ta-ma.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from(await book.xlsx.writeBuffer())
		});
		await admin.getByTestId('import-preview').click();
		await expect(admin.getByTestId('units-create')).toHaveText('3');
		await expect(admin.getByTestId('people-create')).toHaveText('3');
		await expectNoHorizontalScroll(admin);
		await admin.getByTestId('import-confirm').click();
		await expect(admin.getByTestId('import-done')).toContainText('3 người mới');
		const download = admin.waitForEvent('download');
		await admin.getByTestId('import-links').click();
		const links = readFileSync(await (await download).path(), 'utf8');
		const line = links.split('\r\n').find((l) => l.includes('Lò Thị Bản'));
		passwordLink = /https?:\/\/[^"]+\/dat-mat-khau\/[^"]+/.exec(line ?? '')?.[0] ?? '';
		expect(passwordLink).not.toBe('');
	});

	const secretary = await (await fresh()).newPage();
	const title = 'Tuyên truyền chuyển đổi số ở nhà văn hoá bản Ta Ma';
	await test.step('the bản secretary sets her password from the link and logs the work', async () => {
		await open(secretary, at(new URL(passwordLink).pathname));
		await secretary.getByLabel('Mật khẩu mới').fill('suối Nậm Mu chảy mãi');
		await secretary.getByLabel('Nhập lại mật khẩu').fill('suối Nậm Mu chảy mãi');
		await secretary.getByTestId('set-password-submit').click();
		await expect(secretary).toHaveURL(/da-dat-mat-khau=1/);

		await open(secretary, at('/sang-kien/moi'));
		await expect(secretary.locator('#activityTypeId option').first()).toHaveText('— Chọn loại hoạt động —');
		await secretary.locator('#title').fill(title);
		await secretary.locator('#activityTypeId').selectOption({ label: '1.1 · Tuyên truyền về chuyển đổi số tại bản, cơ quan' });
		await secretary.getByTestId('measure-sessions').filter({ visible: true }).fill('2');
		await secretary.getByTestId('measure-people').filter({ visible: true }).fill('80');
		await secretary.locator('#story').fill('Hai buổi tối ở nhà văn hoá bản, bà con nghe giới thiệu dịch vụ công trực tuyến.');
		await secretary.locator('#startedOn').fill(vnDay(-2));
		await secretary.locator('#place').fill('Nhà văn hoá bản Ta Ma');
		await secretary.getByLabel('Giàng A Dếnh').check();
		await expectNoHorizontalScroll(secretary);
		await secretary.getByTestId('initiative-save').click();
		await expect(secretary.getByTestId('saved')).toBeVisible();
		await secretary.getByTestId('submit-initiative').click();
		await expect(secretary.getByTestId('status-badge')).toHaveText('Chờ xác nhận');
	});

	await test.step('the commune approves it from its queue', async () => {
		await open(admin, at('/duyet'));
		const item = admin.getByTestId('review-item').filter({ hasText: title });
		await expect(item).toBeVisible();
		await item.getByTestId('approve').click();
		await expect(admin.getByTestId('step-done')).toHaveText('Đã xác nhận.');
	});

	// Rule TT of the 001 file: 5 points per initiative + 1 per 20 listeners: 5 + 4 = 9, to the bản and to Giàng A Dếnh.
	const visitor = await (await fresh()).newPage();
	await test.step('anyone sees the bản on the bản board, explained, and on the big screen', async () => {
		await open(visitor, at('/bang-xep-hang'));
		await expect(visitor.getByTestId('board-campaign')).toContainText('Ta Ma');
		const subject = visitor.getByTestId('board-subject');
		await expect(subject.locator('option')).toContainText(['Cơ quan, đơn vị', 'Bản']);
		await expect(subject.locator('option', { hasText: 'Xã' })).toHaveCount(0);
		await open(visitor, at('/bang-xep-hang?doi-tuong=village'));
		const row = visitor.getByTestId('board-rows').getByTestId('board-row').filter({ hasText: 'Bản Ta Ma' });
		await expect(row.getByTestId('row-score')).toHaveText('9');
		await expect(row.getByTestId('rank')).toHaveText('1');
		await expectNoHorizontalScroll(visitor);
		await row.getByRole('link').first().click();
		await expect(visitor.getByTestId('explain-total')).toHaveText('9');

		await open(visitor, at('/bang-xep-hang?doi-tuong=member'));
		await expect(
			visitor.getByTestId('board-rows').getByTestId('board-row').filter({ hasText: 'Giàng' }).getByTestId('row-score')
		).toHaveText('9');

		await visitor.setViewportSize({ width: 1280, height: 720 });
		await open(visitor, at('/trinh-chieu'));
		await expect(visitor.getByTestId('board-stage')).toHaveAttribute('data-key', /^\d+\|agency\|\d+\|Y\d{4}$/);
		await expect(visitor.getByTestId('ticker-item').first()).toContainText(title);
		await visitor.getByTestId('board-tab').filter({ hasText: 'Bản' }).click();
		await expect(visitor.getByTestId('board-stage')).toHaveAttribute('data-key', /^\d+\|village\|\d+\|Y\d{4}$/);
		await expect(visitor.getByTestId('board-stage').locator('[data-id]').filter({ hasText: 'Bản Ta Ma' })).toHaveAttribute(
			'data-score',
			'9'
		);
	});
});
