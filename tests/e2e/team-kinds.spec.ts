import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open } from './helpers';

// Codes of this run: the servers' databases outlive a retry, and a kind's code is unique per campaign.
const tag = Math.random().toString(36).slice(2, 7).toLowerCase();

test('the standing office adds a team kind; a secretary finds it in the team form and registers a team of that kind', async ({ as }) => {
	const admin = await as('tinhdoan');
	await open(admin, '/quan-tri/doi-hinh');
	await expectNoHorizontalScroll(admin);
	await expect(admin.getByTestId('team-kind-community_tech')).toBeVisible();
	const add = admin.getByTestId('team-kind-add');
	// Markup in a label is refused and the form keeps what was typed.
	await add.getByLabel('Mã').fill(`cau_lac_bo_${tag}`);
	await add.getByLabel('Tên').fill('<b>Câu lạc bộ</b>');
	await admin.getByTestId('team-kind-add-save').click();
	await expect(add.getByRole('alert')).toBeVisible();
	await expect(add.getByLabel('Mã')).toHaveValue(`cau_lac_bo_${tag}`);
	await add.getByLabel('Tên').fill(`Câu lạc bộ tin học trẻ ${tag}`);
	await admin.getByTestId('team-kind-add-save').click();
	await expect(admin.getByTestId('team-kind-done')).toContainText('Đã lưu.');
	await expect(admin.getByTestId(`team-kind-cau_lac_bo_${tag}`)).toBeVisible();
	await expectNoHorizontalScroll(admin);

	const page = await as('tama');
	await open(page, '/doi-hinh/moi');
	await expectNoHorizontalScroll(page);
	const kind = page.getByTestId('team-kind');
	await expect(kind.locator(`option[value="cau_lac_bo_${tag}"]`)).toHaveText(`Câu lạc bộ tin học trẻ ${tag}`);
	await page.getByLabel('Tên đội hình').fill(`CLB tin học ${tag}`);
	await kind.selectOption(`cau_lac_bo_${tag}`);
	await page.getByTestId('team-save').click();
	await expect(page.getByTestId('team-name')).toHaveText(`CLB tin học ${tag}`);
	await expect(page.getByTestId('team-kind-label')).toHaveText(`Câu lạc bộ tin học trẻ ${tag}`);

	// Now a team has it: the office cannot remove the kind.
	await open(admin, '/quan-tri/doi-hinh');
	await admin.getByTestId(`team-kind-delete-cau_lac_bo_${tag}`).click();
	await expect(admin.getByTestId(`team-kind-cau_lac_bo_${tag}`).getByRole('alert')).toContainText('còn đội hình thuộc loại này');
});

test('a district admin does not get the team kinds editor', async ({ as }) => {
	const page = await as('tuangiao');
	const response = await page.goto('/quan-tri/doi-hinh');
	expect(response?.status()).toBe(403);
});
