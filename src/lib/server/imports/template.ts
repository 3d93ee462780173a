import ExcelJS from 'exceljs';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { listLevels } from '../units/queries';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, PEOPLE_COLUMNS, UNIT_COLUMNS } from '../../domain/imports/table';
import { ROLES } from '../../domain/permissions';
import { t } from '../../i18n';
import { toCsv } from '../../domain/exports/cells';
import { topUnitsForImport, unitsForTemplate } from './service';

export const TEMPLATE_FILES = {
	'mau-nhap-du-lieu.xlsx': 'xlsx',
	'mau-don-vi.csv': 'units',
	'mau-doan-vien.csv': 'people'
} as const;
export type TemplateFile = keyof typeof TEMPLATE_FILES;

const unitHeader = UNIT_COLUMNS.map((c) => c.header);
const peopleHeader = PEOPLE_COLUMNS.map((c) => c.header);

/**
 * The template lists the admin's own units with their codes, so a secretary fills in people (or adds units
 * below) without looking codes up; importing the template untouched changes nothing.
 */
export async function buildTemplate(ctx: ServiceContext, file: TemplateFile): Promise<{ body: Uint8Array<ArrayBuffer>; type: string }> {
	authorize(ctx, 'admin.access');
	const levelLabel = new Map(listLevels(ctx.db).map((l) => [l.code, l.label]));
	const unitRows = unitsForTemplate(ctx).map((u) => [
		u.code,
		u.name,
		u.shortName === u.name ? '' : u.shortName,
		levelLabel.get(u.level) ?? u.level,
		u.parentCode
	]);
	const kind = TEMPLATE_FILES[file];
	const csvType = 'text/csv; charset=utf-8';
	if (kind === 'units')
		return { body: new TextEncoder().encode(toCsv([unitHeader, ...unitRows.filter((r) => r[4] !== '')])), type: csvType };
	if (kind === 'people') return { body: new TextEncoder().encode(toCsv([peopleHeader])), type: csvType };

	const wb = new ExcelJS.Workbook();
	const units = wb.addWorksheet('Đơn vị');
	units.addRow(unitHeader).font = { bold: true };
	// The root has no parent in any file: it is listed for its code, in the people sheet's reference only.
	for (const row of unitRows.filter((r) => r[4] !== '')) units.addRow(row);
	units.columns.forEach((c, i) => (c.width = [16, 40, 20, 24, 20][i]));
	const peopleSheet = wb.addWorksheet('Đoàn viên');
	peopleSheet.addRow(peopleHeader).font = { bold: true };
	peopleSheet.columns.forEach((c, i) => {
		c.width = [28, 16, 16, 26, 14, 16, 12, 16][i];
		// Phones and codes as text, so Excel keeps a phone's leading 0 and does not turn codes into numbers.
		if (['phone', 'unitCode', 'username', 'joinedOn'].includes(PEOPLE_COLUMNS[i]!.key)) c.numFmt = '@';
	});
	const help = wb.addWorksheet('Hướng dẫn');
	for (const line of [
		t('import.title'),
		'',
		'Trang “Đơn vị”: mỗi dòng một đơn vị. Dòng đã có sẵn là đơn vị trong phạm vi của bạn (giữ nguyên hoặc sửa tên). Thêm đơn vị mới bằng một mã mới (chữ, số và . _ -, không dạng DV + số) và mã đơn vị cấp trên.',
		`Cấp: ${[...levelLabel].map(([code, label]) => `${label} (${code})`).join('; ')}.`,
		`${t('import.topUnitCodes')} ${topUnitsForImport(ctx)
			.map((u) => `${u.name}: ${u.code}`)
			.join('; ')}.`,
		'Trang “Đoàn viên”: mỗi dòng một người. Bắt buộc: Họ và tên, Mã đơn vị, và ít nhất một trong Số điện thoại, Email, Tên đăng nhập (để nhận ra người đó khi nhập lại).',
		'Tên đăng nhập để trống sẽ được tạo từ họ tên (ví dụ Nguyễn Văn An → annv). Ngày vào dạng dd/mm/yyyy, để trống là hôm nay.',
		`Vai trò (để trống là Đoàn viên): ${ROLES.map((r) => `${t(`role.${r}`)} (${r})`).join('; ')}. Bạn chỉ cấp được vai trò thấp hơn vai trò của mình.`,
		'Không dùng công thức: ô có công thức bị từ chối. Một người đã có (cùng số điện thoại, email hoặc tên đăng nhập) được cập nhật, không tạo thêm.',
		`Tối đa ${IMPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng và ${IMPORT_MAX_BYTES / 1024 / 1024} MB mỗi tệp. Có thể lưu từng trang thành CSV UTF-8 (dấu phẩy hoặc chấm phẩy).`,
		'Người mới chưa có mật khẩu: sau khi nhập, tải danh sách liên kết đặt mật khẩu và gửi cho từng người.'
	])
		help.addRow([line]);
	help.getColumn(1).width = 120;
	return {
		body: new Uint8Array(await wb.xlsx.writeBuffer()),
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	};
}

/** The secretary's list: one row per new person with their one-time link, safe to open in a spreadsheet program. */
export function linksCsv(
	rows: { fullName: string; username: string | null; phone: string | null; unitName: string; link: string }[]
): string {
	return toCsv([
		['Họ và tên', 'Tên đăng nhập', 'Số điện thoại', 'Đơn vị', 'Liên kết đặt mật khẩu (dùng một lần, 72 giờ)'],
		...rows.map((r) => [r.fullName, r.username, r.phone, r.unitName, r.link])
	]);
}
