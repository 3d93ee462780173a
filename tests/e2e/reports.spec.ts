import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, open, vnDay } from './helpers';

test('a district files its yearly report, the province sees it, returns it with a reason, and the district reads why', async ({ as }) => {
	test.setTimeout(90_000);
	// The server runs on the real clock: the year's report and whether 01/11 has passed come from today.
	const year = vnDay().slice(0, 4);
	const pastDeadline = vnDay() > `${year}-11-01`;
	const district = await as('tuangiao');
	await open(district, '/bao-cao');
	// The yearly report (a phase or summer campaign that ended lately has its own row).
	const row = district
		.getByTestId('report-row')
		.filter({ hasText: 'Huyện đoàn Tuần Giáo' })
		.filter({ hasNotText: '2158' })
		.filter({ hasText: 'Báo cáo năm' });
	await expect(row).toContainText(`Năm ${year}`);
	await expect(row).toContainText(`01/11/${year}`);
	await row.getByTestId('report-open').click();
	await expect(district.getByTestId('report-unit')).toHaveText('Huyện đoàn Tuần Giáo');
	await expect(district.getByTestId('report-measures')).toBeVisible();
	await expectNoHorizontalScroll(district);

	await district.getByTestId('report-results').fill('Ra quân 12 đội hình “Thanh niên tình nguyện hỗ trợ VNeID” tại các bản.');
	await district.getByTestId('report-limitations').fill('Sóng điện thoại yếu ở các bản vùng cao.');
	// The date field stops a future day in the browser; a browser that lets it through meets the server's refusal.
	await district.getByTestId('report-cutoff').evaluate((input) => input.removeAttribute('max'));
	await district.getByTestId('report-cutoff').fill(vnDay(3));
	await district.getByTestId('report-save').click();
	await expect(district.getByTestId('report-error')).toContainText('không được ở tương lai');
	await district.getByTestId('report-cutoff').fill('');
	await district.getByTestId('report-submit').click();
	await expect(district.getByTestId('report-done')).toHaveText('Đã nộp báo cáo.');
	await expect(district.getByTestId('report-versions')).toContainText('Lần 1');
	await expect(district.getByTestId('report-results')).toBeDisabled();
	// The figures as sent, frozen (other tests approve work meanwhile: the live count may move, the version never).
	const works = (await district.getByTestId('report-works').innerText()).replace(/\D/g, '');
	const reportUrl = district.url();

	// The print page is the Đoàn document on A4.
	await open(district, `${new URL(reportUrl).pathname}/in`);
	const doc = district.getByTestId('report-document');
	await expect(doc).toContainText('ĐOÀN TNCS HỒ CHÍ MINH');
	await expect(doc).toContainText('BCH HUYỆN TUẦN GIÁO');
	await expect(doc).toContainText('BÁO CÁO');
	await expect(doc).toContainText('Nơi nhận:');
	await expect(doc).toContainText('Sóng điện thoại yếu');

	const provinceOffice = await as('tinhdoan');
	await open(provinceOffice, '/bao-cao');
	await provinceOffice
		.getByTestId('report-row')
		.filter({ hasText: 'Tỉnh đoàn Điện Biên' })
		.filter({ hasNotText: '2158' })
		.filter({ hasText: 'Báo cáo năm' })
		.getByTestId('report-open')
		.click();
	const tuanGiao = provinceOffice.getByTestId('submission-row').filter({ hasText: 'Huyện đoàn Tuần Giáo' });
	await expect(tuanGiao).toContainText(pastDeadline ? 'Nộp muộn' : 'Nộp đúng hạn');
	await expect(provinceOffice.getByTestId('submission-row').filter({ hasText: 'Huyện đoàn Mường Nhé' })).toContainText(
		pastDeadline ? 'Quá hạn' : 'Còn'
	);
	await expect(provinceOffice.getByTestId('report-quoted')).toContainText('Huyện đoàn Tuần Giáo');
	await tuanGiao.getByRole('link', { name: 'Huyện đoàn Tuần Giáo' }).click();
	await expect(provinceOffice.getByTestId('report-works')).toContainText(works);
	await provinceOffice.getByTestId('report-reason').fill('Bổ sung số đội hình theo từng xã.');
	await provinceOffice.getByTestId('report-return').click();
	await expect(provinceOffice.getByTestId('report-done')).toHaveText('Đã trả lại báo cáo cho đơn vị.');

	await open(district, reportUrl);
	await expect(district.getByTestId('report-returned')).toContainText('Bổ sung số đội hình theo từng xã.');
	await expect(district.getByTestId('report-results')).toBeEnabled();
	await expectNoHorizontalScroll(district);
});

test('the province asks its districts for an ad hoc report; a district answers it; the province sees who answered', async ({ as }) => {
	test.setTimeout(90_000);
	const provinceOffice = await as('tinhdoan');
	await open(provinceOffice, '/bao-cao');
	const form = provinceOffice.getByTestId('request-form');
	// The office administers one unit in one campaign: the first choice; the figures of this year.
	await expect(form.getByTestId('request-scope')).toContainText('Tỉnh đoàn Điện Biên');
	await form.getByTestId('request-period').selectOption({ label: `Năm ${vnDay().slice(0, 4)}` });
	await form.getByTestId('request-title').fill('Kết quả ra quân hỗ trợ VNeID đợt cao điểm');
	await form.getByTestId('request-due').evaluate((input) => input.removeAttribute('min'));
	await form.getByTestId('request-due').fill(vnDay(-1));
	await form.getByTestId('request-create').click();
	await expect(provinceOffice.getByTestId('request-error')).toContainText('từ hôm nay trở đi');
	await expect(provinceOffice.getByTestId('request-title')).toHaveValue('Kết quả ra quân hỗ trợ VNeID đợt cao điểm');
	await provinceOffice.getByTestId('request-due').fill(vnDay(10));
	await provinceOffice.getByTestId('request-create').click();
	await expect(provinceOffice.getByTestId('request-heading')).toHaveText('Kết quả ra quân hỗ trợ VNeID đợt cao điểm');
	const requestUrl = provinceOffice.url();

	const district = await as('tuangiao');
	await open(district, '/bao-cao');
	const row = district.getByTestId('report-row').filter({ hasText: 'Kết quả ra quân hỗ trợ VNeID đợt cao điểm' });
	await expect(row).toContainText('Báo cáo theo yêu cầu');
	await row.getByTestId('report-open').click();
	await expect(district.getByTestId('report-request')).toHaveText('Kết quả ra quân hỗ trợ VNeID đợt cao điểm');
	await district.getByTestId('report-results').fill('Ra quân 30 đội hình trong 10 ngày.');
	await district.getByTestId('report-submit').click();
	await expect(district.getByTestId('report-done')).toHaveText('Đã nộp báo cáo.');
	await expectNoHorizontalScroll(district);

	await open(provinceOffice, new URL(requestUrl).pathname);
	await expect(provinceOffice.getByTestId('submission-row').filter({ hasText: 'Huyện đoàn Tuần Giáo' })).toContainText('Nộp đúng hạn');
	await expect(provinceOffice.getByTestId('submission-row').filter({ hasText: 'Huyện đoàn Mường Nhé' })).toContainText('Còn 10 ngày');
});
