import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { open, vnDay } from './helpers';
import { expect, logVneidInitiative, makePhotoFiles, newPerson, test } from './fixtures';

let files: Record<string, string>;
test.beforeAll(async () => {
	files = await makePhotoFiles();
});

/** The fields of a valid VNeID initiative for tama's union, as the form posts them. */
async function validForm(page: Page, title: string): Promise<Record<string, string>> {
	await open(page, '/sang-kien/moi');
	const unitId = await page.locator('input[name="unitId"]').inputValue();
	const activity = await page.locator('#activityTypeId option', { hasText: 'VNeID' }).getAttribute('value');
	const measure = await page.locator(`[data-activity="${activity}"] [data-testid="measure-people"]`).getAttribute('name');
	return { unitId, activityTypeId: activity!, [measure!]: '25', title, story: 'Câu chuyện', startedOn: vnDay(-2), place: 'Bản Ta Ma' };
}

/**
 * "My page" lists every initiative of the person: none may carry this test's stamp. (Not a count of the list:
 * other specs log work as the same person meanwhile.)
 */
async function expectNothingSavedWith(page: Page, stamp: string): Promise<void> {
	await open(page, '/toi');
	await expect(page.getByRole('heading', { name: 'Sáng kiến của tôi' })).toBeVisible();
	await expect(page.getByTestId('my-initiatives').locator('li', { hasText: stamp })).toHaveCount(0);
}

test('hostile photos and numbers are refused with a Vietnamese message and nothing is saved', async ({ as }) => {
	const page = await as('tama');
	const stamp = Date.now().toString(36);
	const fields = await validForm(page, `Thử ảnh độc ${stamp}`);
	const origin = new URL(page.url()).origin;
	// Posted straight to the action, past the browser's own shrinking, as a hostile client would.
	const postPhotos = async (paths: string[]) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		for (const p of paths) form.append('photos', new Blob([readFileSync(p)], { type: 'image/jpeg' }), basename(p));
		const res = await page.request.post('/sang-kien/moi?/create', {
			multipart: form,
			headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		return res.text();
	};
	expect(await postPhotos([files.pdf!])).toContain('“bao-cao.jpg” không phải là ảnh');
	expect(await postPhotos([files.svg!])).toContain('định dạng chưa được hỗ trợ');
	expect(await postPhotos([files.huge!])).toContain('độ phân giải quá cao');
	expect(await postPhotos(Array.from({ length: 9 }, (_, i) => files[`jpeg${i + 1}`]!))).toContain('Mỗi sáng kiến tối đa 8 ảnh.');
	await expectNothingSavedWith(page, stamp);

	// Numbers, through the real form.
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(`Thử số âm ${stamp}`);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	const people = page.getByTestId('measure-people').filter({ visible: true });
	await people.fill('-5');
	await page.locator('#story').fill('Câu chuyện');
	await page.locator('#startedOn').fill(vnDay(-2));
	await page.locator('#place').fill('Bản Ta Ma');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByText('Người được hỗ trợ: không được nhỏ hơn 1.')).toBeVisible();
	await expect(page.locator('#title')).toHaveValue(`Thử số âm ${stamp}`);
	await people.fill('1000000000000');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByText('Người được hỗ trợ: không được lớn hơn 5.000 cho một sáng kiến.')).toBeVisible();
	await expectNothingSavedWith(page, stamp);
});

test('a story with <script> is stored and shown as text; approving a draft is out of order', async ({ as, browser }, info) => {
	const page = await as('tama');
	const stamp = Date.now().toString(36);
	await open(page, '/sang-kien/moi');
	await page.locator('#title').fill(`Chuyện có mã độc ${stamp}`);
	await page.locator('#activityTypeId').selectOption({ label: '1.4 · Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID' });
	await page.getByTestId('measure-people').filter({ visible: true }).fill('7');
	await page
		.locator('#story')
		.fill('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">\n\n[bấm](javascript:alert(1))');
	await page.locator('#startedOn').fill(vnDay(-2));
	await page.locator('#place').fill('Bản Ta Ma');
	await page.getByTestId('initiative-save').click();
	await expect(page.getByTestId('saved')).toBeVisible();
	const id = new URL(page.url()).pathname.split('/')[2]!;
	await open(page, `/sang-kien/${id}`);
	await expect(page.getByTestId('story-text')).toContainText('<script>window.__xss = 1</script>');
	await expect(page.getByTestId('story-text').locator('a')).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

	// An approve on a draft is out of order (posted as a client would: the verifier needs no page for it).
	const verifier = await newPerson(browser, info, 'tuangiao');
	const origin = new URL(page.url()).origin;
	const early = await verifier.request.post(`/sang-kien/${id}?/approve`, {
		form: { revision: '0' },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(await early.text()).toContain('Không thể thực hiện thao tác này ở trạng thái hiện tại.');
	await verifier.close();
});

test('a participant from another district is refused and nothing changes', async ({ as }) => {
	const page = await as('tama');
	const stamp = Date.now().toString(36);
	const id = await logVneidInitiative(page, `Người ngoài huyện ${stamp}`);
	const origin = new URL(page.url()).origin;

	// The outsider: someone in Mường Nhé, found by the province admin.
	const province = await as('tinhdoan');
	// Only a lookup in the server-rendered list: no need to wait for the page's scripts.
	await province.goto('/quan-tri/tai-khoan');
	const outsiderHref = await province.getByTestId('people-list').locator('a', { hasText: 'Mường Nhé' }).first().getAttribute('href');
	await province.context().close();
	const fields = await validForm(page, 'Bị sửa trộm');
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	form.append('participantIds', outsiderHref!.split('/').pop()!);
	const edit = await page.request.post(`/sang-kien/${id}/sua?/save`, {
		multipart: form,
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(await edit.text()).toContain('Có người tham gia không thuộc đội hình hoặc đơn vị cấp huyện này.');
	await open(page, `/sang-kien/${id}/sua`);
	await expect(page.locator('#title')).toHaveValue(`Người ngoài huyện ${stamp}`);
});
