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
