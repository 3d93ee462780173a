/**
 * The wording of a printed award certificate: the heading line(s), the title word ("BẰNG KHEN", "GIẤY KHEN") and
 * who gives it, read from the form's name ("Bằng khen của Chủ tịch UBND tỉnh") and granting body. A Đoàn body's
 * certificate carries "ĐOÀN TNCS HỒ CHÍ MINH"; a state one the national name and motto.
 */
export function certificateWording(form: { name: string; grantingBody: string }, ownerName: string) {
	const [title = form.name, ...rest] = form.name.split(/\s+của\s+/i);
	const grantor = form.grantingBody.trim() || rest.join(' của ') || ownerName;
	const state = /ủy ban|uỷ ban|ubnd|ubmttq|chính phủ|thủ tướng|chủ tịch nước|sở |huyện|xã/i.test(grantor);
	const youthUnion = !state && /đoàn/i.test(`${grantor} ${ownerName}`);
	return {
		heading: youthUnion ? ['ĐOÀN TNCS HỒ CHÍ MINH'] : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
		title: title.toLocaleUpperCase('vi'),
		grantor: grantor.toLocaleUpperCase('vi')
	};
}

/** "ngày 20 tháng 11 năm 2026", as a decision's day is written. */
export function dayInWords(isoDay: string): string {
	const [y, m, d] = isoDay.split('-').map(Number);
	return `ngày ${d} tháng ${m} năm ${y}`;
}
