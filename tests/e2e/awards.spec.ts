import { readFileSync } from 'node:fs';
import { expect, makePhotoFiles, test } from './fixtures';
import sharp from 'sharp';
import { expectNoHorizontalScroll, open, readQr } from './helpers';

test('anyone reads the campaign’s award forms, quotas and criteria from the scoring rules page', async ({ page }) => {
	await open(page, '/cach-tinh-diem');
	// Measures are written by their units, never by their codes.
	const smartCa = page.getByTestId('rule-version').first().locator('li').filter({ hasText: 'Cài đặt chữ ký số VNPT SmartCA' });
	await expect(smartCa).toContainText('+1 điểm mỗi 4 chữ ký số');
	await expect(page.locator('main')).not.toContainText(/\b(people|signatures|procedures|households)\b/);
	await page.getByTestId('awards-link').click();
	await expect(page.getByRole('heading', { name: 'Khen thưởng', level: 1 })).toBeVisible();
	const provincial = page.locator('[data-testid="award-form"][data-code="BK_UBND_TINH"]');
	await expect(provincial).toContainText('Bằng khen của Chủ tịch UBND tỉnh');
	await expect(provincial).toContainText('Giai đoạn I');
	await expect(provincial).toContainText('Không khen hai lần');
	await expect(provincial).toContainText('thực hiện tốt chế độ thông tin, báo cáo');
	await expectNoHorizontalScroll(page);
});

test('the standing office sets a form’s phase II quota; a word is refused; the public page shows the quota', async ({ as }) => {
	const office = await as('tinhdoan');
	await open(office, '/quan-tri/khen-thuong');
	const card = office.locator('details').filter({ has: office.locator('[data-testid="award-editor"][data-code="BK_UBND_TINH"]') });
	await card.locator('summary').click();
	const editor = card.getByTestId('award-editor');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.collective"]').fill('ba');
	await editor.getByTestId('award-save').click();
	await expect(office.getByTestId('award-quota-error').first()).toContainText('số nguyên');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.collective"]').fill('3');
	await editor.locator('[data-testid="award-quota"][data-key="PH2.individual"]').fill('10');
	await editor.getByTestId('award-save').click();
	await expect(office.getByTestId('award-done')).toHaveText('Đã lưu hình thức khen thưởng.');
	await expectNoHorizontalScroll(office);

	await open(office, '/khen-thuong');
	await expect(office.locator('[data-testid="award-form"][data-code="BK_UBND_TINH"]').getByTestId('award-quotas')).toContainText(
		'Giai đoạn II (2026-2030): 3 tập thể, 10 cá nhân'
	);
});

test('once a year is closed, a commune proposes from its frozen boards, its district forwards, the office selects, the council votes, the decision is recorded and the award verifies by its QR code, its way on a timeline', async ({
	as,
	page
}) => {
	test.slow(); // four people, eleven pages
	const office = await as('tinhdoan');
	await open(office, '/quan-tri/ky-thi-dua');
	await office.getByTestId('close-Y2023').click();
	await expect(office.getByTestId('reopen-Y2023')).toBeVisible();
	try {
		// The commune reads its candidates for Năm 2023 and proposes its leader with a citation (none is refused).
		const commune = await as('tama');
		await open(commune, '/khen-thuong');
		await commune.getByTestId('awards-suggest-link').click();
		await expect(commune.getByRole('heading', { name: 'Gợi ý đề nghị khen thưởng' })).toBeVisible();
		await expect(commune.getByTestId('suggest-period').locator('option:checked')).toHaveText('Năm 2023');
		await expect(commune.getByTestId('suggest-forms')).toContainText('Bằng khen của Chủ tịch UBND tỉnh');
		const first = commune.getByTestId('suggest-board').first().getByTestId('suggest-row').first();
		await expect(first.locator('td').first()).toHaveText('1');
		await expectNoHorizontalScroll(commune);
		await first.getByTestId('nominate-open').click();
		await first.getByTestId('nominate-submit').click();
		await expect(first.getByTestId('nominate-error')).toHaveText('Hãy ghi thành tích để cấp trên xét.');
		const citation = 'Dẫn đầu xã năm 2023 với nhiều sáng kiến hỗ trợ người dân cài VNeID.';
		await first.getByTestId('nominate-citation').fill(citation);
		await first.getByTestId('nominate-submit').click();
		await expect(first.getByTestId('nominate-done')).toHaveText('Đã gửi đề nghị khen thưởng.');

		// Its dossier is a PDF by its bytes: a photo named .pdf is refused, a PDF saved as .jpg is kept (as .pdf).
		const files = await makePhotoFiles();
		await commune.getByTestId('nominations-link').click();
		const own = commune.getByTestId('nomination-row').filter({ hasText: citation });
		await own
			.getByTestId('dossier-file')
			.setInputFiles({ name: 'ho-so.pdf', mimeType: 'application/pdf', buffer: readFileSync(files.jpeg1!) });
		await own.getByTestId('dossier-upload').click();
		await expect(own.getByTestId('nomination-error')).toContainText('không phải PDF');
		await own.getByTestId('dossier-file').setInputFiles(files.pdf!);
		await own.getByTestId('dossier-upload').click();
		await expect(own.getByTestId('nomination-dossier')).toContainText('bao-cao.pdf');
		// It attests the criteria the form lists that its subject meets; the office reads them in the dossier.
		await own.getByTestId('nomination-criteria').getByRole('checkbox').first().check();
		await own.getByTestId('nomination-criteria-save').click();
		await expect(own.getByTestId('nomination-done')).toHaveText('Đã lưu các tiêu chuẩn đã đạt.');
		await expectNoHorizontalScroll(commune);

		// It goes up level by level: the district forwards it, with its evidence, to the province.
		const district = await as('tuangiao');
		await open(district, '/khen-thuong/de-nghi');
		const atDistrict = district.getByTestId('nomination-row').filter({ hasText: citation });
		await expect(atDistrict.getByTestId('nomination-status')).toHaveText('Đang chờ Huyện đoàn Tuần Giáo xét');
		await expect(atDistrict.getByTestId('nomination-evidence')).toContainText('Minh chứng');
		await expectNoHorizontalScroll(district);
		await atDistrict.getByTestId('nomination-forward').click();
		await expect(atDistrict.getByTestId('nomination-done')).toHaveText('Đã chuyển đề nghị lên cấp trên.');
		await expect(atDistrict.getByTestId('nomination-status')).toHaveText('Đang chờ Tỉnh đoàn Điện Biên xét');

		// The office selects it within the quota.
		await open(office, '/khen-thuong/de-nghi');
		const row = office.getByTestId('nomination-row').filter({ hasText: citation });
		await expect(row.getByTestId('nomination-status')).toHaveText('Đang chờ Tỉnh đoàn Điện Biên xét');
		await row.getByTestId('nomination-select').click();
		await expect(row.getByTestId('nomination-status')).toHaveText('Được chọn');
		await expect(office.getByTestId('decision-form')).toHaveCount(0);

		// The council meets: every member's vote is needed; four of five agree and the minutes are kept.
		const review = office.getByTestId('council-review').first();
		const dossier = review.getByTestId('council-dossier').filter({ hasText: citation });
		await expect(dossier).toContainText('✓ Tập thể:');
		const download = await office.request.get((await dossier.getByRole('link').first().getAttribute('href'))!);
		expect(download.headers()['content-type']).toBe('application/pdf');
		expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
		expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
		await expect(dossier.getByTestId('council-vote')).toHaveCount(5);
		await review.getByTestId('council-minutes').fill('Hội đồng họp đủ 5/5 thành viên, biểu quyết từng đề nghị.');
		await dossier.getByTestId('vote-agree').first().check();
		await review.getByTestId('council-record').click();
		await expect(review.getByTestId('council-error')).toContainText('Chưa ghi phiếu của');
		for (const [i, vote] of ['agree', 'agree', 'agree', 'disagree', 'agree'].entries())
			await dossier.getByTestId('council-vote').nth(i).getByTestId(`vote-${vote}`).check();
		await review.getByTestId('council-record').click();
		await expect(office.getByTestId('council-done').first()).toHaveText('Đã ghi kết quả họp hội đồng.');
		await expect(row.getByTestId('nomination-status')).toHaveText('Hội đồng thông qua');
		await expect(row.getByTestId('nomination-votes')).toContainText('Hội đồng: 4/5 thành viên đồng ý');
		await expectNoHorizontalScroll(office);

		// The signed decision is recorded; the public page lists the award with its citation.
		const decision = office.getByTestId('decision-form').first();
		await decision.getByTestId('decision-number').fill('125/QĐ-UBND');
		await decision.getByTestId('decision-signer').fill('Chủ tịch UBND tỉnh');
		await decision.getByTestId('decision-record').click();
		await expect(office.getByTestId('decision-done').first()).toContainText('Đã ghi quyết định');
		await expect(row.getByTestId('nomination-status')).toHaveText('Đã khen thưởng');

		const reader = page;
		await open(reader, '/khen-thuong');
		const given = reader.getByTestId('award-given').filter({ hasText: citation });
		await expect(given).toContainText('125/QĐ-UBND');
		await expectNoHorizontalScroll(reader);
		await given.getByTestId('award-verify-link').click();
		await expect(reader.getByTestId('award-status')).toHaveAttribute('data-status', 'valid');
		await expect(reader.getByTestId('award-timeline')).toContainText('Huyện đoàn Tuần Giáo chuyển lên cấp trên');
		await expect(reader.getByTestId('award-timeline')).toContainText('125/QĐ-UBND');
		const awardUrl = reader.url();
		// A Zalo or Facebook share shows its card.
		const card = await reader.request.get((await reader.locator('meta[property="og:image"]').getAttribute('content'))!);
		expect(card.headers()['content-type']).toBe('image/png');
		expect((await sharp(await card.body()).metadata()).width).toBe(1200);

		// The certificate's QR code, decoded from the rendered page, opens that verification page.
		await reader.getByTestId('award-certificate-link').click();
		await expect(reader.getByTestId('certificate')).toContainText('BẰNG KHEN');
		await expect(reader.getByTestId('certificate')).toContainText(citation);
		const qr = reader.getByTestId('certificate-qr');
		await expect(qr).toBeVisible();
		const decoded = await readQr(qr);
		expect(decoded).toBe(awardUrl);
		await expectNoHorizontalScroll(reader);
		await open(reader, new URL(decoded!).pathname);
		await expect(reader.getByTestId('award-status')).toHaveAttribute('data-status', 'valid');

		// The awarded unit's page keeps it in its history.
		await open(reader, '/khen-thuong');
		await reader.getByTestId('award-given').filter({ hasText: citation }).getByTestId('award-unit-link').click();
		await expect(reader.getByTestId('unit-awards')).toContainText(citation);
	} finally {
		// Other tests read this year's boards live: leave it open as it was.
		await open(office, '/quan-tri/ky-thi-dua');
		await office.getByTestId('reopen-Y2023').click();
		await expect(office.getByTestId('close-Y2023')).toBeVisible();
	}
});

test('a member opens one of her badges: its page says it holds and offers the signed credential, which names her', async ({ as, page }) => {
	const member = await as('doanvien');
	await open(member, '/toi');
	const badge = member.getByTestId('my-badge-link').first();
	const name = (await badge.textContent())!.trim();
	await badge.click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(member.getByTestId('badge-status')).toHaveAttribute('data-status', 'valid');
	await expectNoHorizontalScroll(member);
	const holder = (await member.getByTestId('badge-holder').textContent())!.trim();
	// Anyone holding the link verifies it: the page and the credential are public.
	const credential = await (await page.request.get(new URL('open-badge.json', `${member.url()}/`).pathname)).json();
	expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
	expect(credential.credentialSubject.identifier[0].identityHash).toBe(holder);
	expect(credential.proof.cryptosuite).toBe('eddsa-jcs-2022');
	const keys = await (await page.request.get('/xac-minh/khoa.json')).json();
	expect(keys.verificationMethod.map((m: { id: string }) => m.id)).toContain(credential.proof.verificationMethod);
});

test('khen đột xuất: the office proposes someone an approved work credits, from the work’s page; it waits to be selected, marked ad hoc', async ({
	as
}) => {
	const office = await as('tinhdoan');
	await open(office, '/sang-kien');
	await office.getByTestId('initiative-feed').locator('a[href^="/sang-kien/"]').first().click();
	const title = (await office.getByTestId('initiative-title').textContent())!.trim();
	const adHoc = office.getByTestId('adhoc');
	await adHoc.locator('summary').click();
	await adHoc.getByTestId('adhoc-submit').click();
	await expect(adHoc.getByTestId('adhoc-error')).toHaveText('Hãy ghi thành tích để cấp trên xét.');
	const citation = `Thành tích đột xuất ${test.info().project.name}: ${title}`;
	await adHoc.getByTestId('adhoc-citation').fill(citation);
	await adHoc.getByTestId('adhoc-submit').click();
	await expect(adHoc.getByTestId('adhoc-done')).toContainText('Đã gửi đề nghị khen đột xuất');
	await expectNoHorizontalScroll(office);

	await open(office, '/khen-thuong/de-nghi');
	await office.getByTestId('nominations-period').selectOption({ label: 'Năm 2026' });
	const row = office.getByTestId('nomination-row').filter({ hasText: citation });
	await expect(row.getByTestId('nomination-adhoc')).toHaveText('Khen đột xuất');
	await expect(row.getByTestId('nomination-evidence')).toContainText(title);
	await expect(row.getByTestId('nomination-status')).toHaveText('Đang chờ Tỉnh đoàn Điện Biên xét');
});
