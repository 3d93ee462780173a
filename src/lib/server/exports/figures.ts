import type { AppContext } from '../context';
import { figuresPage, type FiguresQuery } from '../figures/page';
import { exportFileName, figuresSections } from '../../domain/exports/figures';
import { toCsv } from '../../domain/exports/cells';
import { workbookOf } from './xlsx';

export interface ExportFile {
	body: Uint8Array<ArrayBuffer>;
	type: string;
	fileName: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The figures the page shows for the same query, as a workbook (one sheet per table) or as CSV (the measures
 * table, what an office pastes into its own report). Null when the page would be a 404 or has no figures.
 */
export async function figuresExport(
	ctx: Pick<AppContext, 'db' | 'now' | 'actor'>,
	query: FiguresQuery,
	format: 'xlsx' | 'csv'
): Promise<ExportFile | null> {
	const page = figuresPage(ctx, query);
	if (!page || !('figures' in page) || !page.figures) return null;
	const { figures } = page;
	const levelLabel = (code: string) => figures.worksByLevel.find((l) => l.levelCode === code)?.label ?? code;
	const sections = figuresSections(figures, levelLabel);
	if (page.stocks.length > 0)
		sections.push({
			name: 'Chỉ số thời điểm',
			header: [
				'Chỉ số',
				'Đơn vị tính',
				'Giá trị mới nhất',
				'Ngày cũ nhất trong tổng',
				'Số đơn vị cập nhật',
				'Đoàn viên của các đơn vị đó',
				'Tỉ lệ (%)'
			],
			widths: [48, 14, 16, 18, 16, 18, 10],
			rows: page.stocks.map((s) => [
				s.label,
				s.unitLabel,
				s.total?.value ?? null,
				s.total ? s.total.oldestDay.split('-').reverse().join('/') : null,
				s.total?.units ?? 0,
				s.total?.members ?? null,
				s.share
			])
		});
	const fileName = exportFileName(['so-lieu', page.unit.name, page.period.code, page.cutoffDay]);
	if (format === 'csv') {
		const [measures] = sections;
		return {
			body: new TextEncoder().encode(toCsv([measures!.header, ...measures!.rows])),
			type: 'text/csv; charset=utf-8',
			fileName: `${fileName}.csv`
		};
	}
	const body = await workbookOf(sections, {
		title: `Số liệu ${page.unit.name} · ${page.period.name}`,
		subject: page.campaign.name
	});
	return { body: new Uint8Array(body), type: XLSX_TYPE, fileName: `${fileName}.xlsx` };
}
