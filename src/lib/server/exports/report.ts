import type { ServiceContext } from '../context';
import { reportDocumentOf } from '../reports/service';
import { exportFileName, figuresSections } from '../../domain/exports/figures';
import { workbookOf } from './xlsx';
import { reportDocx } from './report-docx';
import type { ExportFile } from './figures';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A report as the office files it (.docx) or as its figures' workbook (.xlsx); null when the person may not see it. */
export async function reportExport(ctx: ServiceContext, id: number, format: 'docx' | 'xlsx'): Promise<ExportFile | null> {
	const doc = reportDocumentOf(ctx, id);
	if (!doc) return null;
	const fileName = exportFileName(['bao-cao', doc.issuingBody, doc.periodName, doc.cutoffDay]);
	if (format === 'docx') return { body: new Uint8Array(await reportDocx(doc)), type: DOCX_TYPE, fileName: `${fileName}.docx` };
	const levelLabel = (code: string) => doc.figures.worksByLevel.find((l) => l.levelCode === code)?.label ?? code;
	const body = await workbookOf(figuresSections(doc.figures, levelLabel), { title: doc.summaryLine, subject: doc.campaignName });
	return { body: new Uint8Array(body), type: XLSX_TYPE, fileName: `${fileName}.xlsx` };
}
