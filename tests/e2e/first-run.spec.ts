import { expect, test } from './fixtures';
import { expectNoHorizontalScroll } from './helpers';
import { startServer, type RunningServer } from '../helpers/server';

// First run, as a person does it: an empty server without the demo prints a one-time link; the form on a phone
// creates the root unit and the first province admin, lands on /quan-tri with the "no campaign yet" advice, and
// the link then says it is no longer valid. Its own server: the shared e2e servers run the demo.

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

	await page.getByLabel('Tên đơn vị').fill('Tỉnh đoàn Điện Biên');
	await page.getByLabel('Tên ngắn').fill('Tỉnh đoàn');
	await expect(page.getByLabel('Cấp đơn vị')).toHaveValue('province');
	await page.getByLabel('Họ và tên').fill('Lò Thị Thiết');
	await page.getByLabel('Tên đăng nhập').fill('vanphong');
	await page.getByLabel('Mật khẩu', { exact: true }).fill('tienphong1');
	await page.getByLabel('Nhập lại mật khẩu').fill('tienphong1');
	await page.getByTestId('setup-submit').click();
	// A guessable password is refused in Vietnamese; what was typed stays, the passwords do not.
	await expect(page.getByTestId('password-error')).toContainText('Mật khẩu này quá dễ đoán');
	await expect(page.getByLabel('Tên đơn vị')).toHaveValue('Tỉnh đoàn Điện Biên');

	await page.getByLabel('Mật khẩu', { exact: true }).fill('mây trắng bay qua đèo');
	await page.getByLabel('Nhập lại mật khẩu').fill('mây trắng bay qua đèo');
	await page.getByTestId('setup-submit').click();
	await expect(page).toHaveURL(/\/quan-tri\?da-thiet-lap=1$/);
	await expect(page.getByTestId('setup-welcome')).toBeVisible();
	await expect(page.getByTestId('admin-scopes')).toContainText('Quản trị cấp tỉnh — Tỉnh đoàn Điện Biên');
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
