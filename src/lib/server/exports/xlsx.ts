import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { neutralised } from '../../domain/exports/cells';
import type { Section } from '../../domain/exports/figures';

/**
 * Sections as an .xlsx workbook, one sheet each: bold frozen header row, Vietnamese-style number formats,
 * formulas in text neutralised. Written with exceljs' streaming writer, rows committed as they go.
 */
export async function workbookOf(sections: Section[], meta: { title: string; subject: string }): Promise<Buffer> {
	const stream = new PassThrough();
	const chunks: Buffer[] = [];
	stream.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<void>((resolve, reject) => {
		stream.on('end', resolve);
		stream.on('error', reject);
	});
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
	workbook.creator = 'Tiên Phong';
	workbook.title = meta.title;
	workbook.subject = meta.subject;
	for (const section of sections) {
		const sheet = workbook.addWorksheet(section.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = section.header.map((header, i) => ({ header, width: section.widths[i] ?? 14 }));
		const head = sheet.getRow(1);
		head.font = { bold: true, name: 'Times New Roman', size: 12 };
		head.alignment = { vertical: 'middle', wrapText: true };
		head.commit();
		for (const cells of section.rows) {
			const row = sheet.addRow(cells.map((c) => (typeof c === 'string' ? neutralised(c) : c)));
			row.font = { name: 'Times New Roman', size: 12 };
			cells.forEach((c, i) => {
				if (typeof c === 'number') row.getCell(i + 1).numFmt = Number.isInteger(c) ? '#,##0' : '#,##0.0';
			});
			row.commit();
		}
		sheet.commit();
	}
	await workbook.commit();
	await done;
	return Buffer.concat(chunks);
}
