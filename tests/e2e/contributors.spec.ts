import { randomUUID } from 'node:crypto';
import { open, vnDay } from './helpers';
import { expect, test } from './fixtures';

test('a secretary records a young person and an outside collective on a new initiative; the page shows them with their kinds', async ({
	as
}) => {
	const stamp = randomUUID().slice(0, 6);
	const title = `Hướng dẫn VNeID cùng thanh niên bản Ta Ma ${stamp}`;
	const youth = `Lò Văn Tươi ${stamp}`;
	const collective = `Bưu điện văn hoá xã Ta Ma ${stamp}`;
	const page = await as('tama');
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(title);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await page.getByTestId('measure-people').filter({ visible: true }).fill('35');
	await page.locator('#story').fill('Thanh niên trong bản và bưu điện xã cùng đoàn viên hướng dẫn bà con cài *VNeID*.');
	await page.locator('#startedOn').fill(vnDay(-1));
	await page.locator('#place').fill('Nhà văn hoá bản Ta Ma');

	const section = page.getByTestId('contributors');
	await expect(section.locator('legend')).toHaveText('Hộ gia đình, tập thể và cá nhân khác tham gia');
	// The campaign's kinds that are neither units, teams nor members.
	await expect(section.getByTestId('contributor-kind-0').locator('option')).toHaveText([
		'— Chọn loại —',
		'Thanh niên',
		'Tập thể ngoài Đoàn có nhiều đóng góp cho chuyển đổi số',
		'Cá nhân ngoài Đoàn có nhiều đóng góp cho chuyển đổi số'
	]);
	await section.getByTestId('contributor-kind-0').selectOption({ label: 'Thanh niên' });
	await section.getByTestId('contributor-name-0').fill(youth);
	await section.getByTestId('contributor-kind-1').selectOption({ label: 'Tập thể ngoài Đoàn có nhiều đóng góp cho chuyển đổi số' });
	await section.getByTestId('contributor-name-1').fill(collective);
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();

	// On the edit page they are the unit's recorded contributors, ticked, and the new rows are empty again.
	await expect(section.getByLabel(new RegExp(youth))).toBeChecked();
	await expect(section.getByLabel(new RegExp(collective))).toBeChecked();
	await expect(section.getByTestId('contributor-name-0')).toHaveValue('');
	// Saving again keeps them.
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(section.getByLabel(new RegExp(collective))).toBeChecked();

	await open(page, new URL(page.url()).pathname.replace(/\/sua$/, ''));
	const shown = page.getByTestId('initiative-contributors');
	await expect(shown).toContainText(`${youth} (Thanh niên)`);
	await expect(shown).toContainText(`${collective} (Tập thể ngoài Đoàn có nhiều đóng góp cho chuyển đổi số)`);
});

test('a name with markup is refused with a Vietnamese message and the form keeps what was typed', async ({ as }) => {
	const page = await as('tama');
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill('Sáng kiến có tên lạ');
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await page.getByTestId('measure-people').filter({ visible: true }).fill('10');
	await page.locator('#story').fill('Một buổi hướng dẫn.');
	await page.locator('#startedOn').fill(vnDay(-1));
	await page.locator('#place').fill('Bản Ta Ma');
	await page.getByTestId('contributor-kind-0').selectOption({ label: 'Thanh niên' });
	await page.getByTestId('contributor-name-0').fill('<img src=x onerror=alert(1)>');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('contributors-error')).toContainText('Tên không được chứa ký tự đặc biệt');
	await expect(page.getByTestId('contributor-name-0')).toHaveValue('<img src=x onerror=alert(1)>');
	await expect(page).toHaveURL(/\/sang-kien\/moi/);
});
