import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { neutralised, type Cell } from '../../domain/exports/cells';
import type { Section } from '../../domain/exports/figures';

/** A sheet whose rows may come in pages (a long list read from the database a page at a time). */
export interface StreamedSection extends Omit<Section, 'rows'> {
	rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

const HIGH_WATER = 1 << 20;

/** Resolves once the reader has taken most of what was written (or has gone away). */
async function readerCaughtUp(stream: PassThrough) {
	while (stream.readableLength > HIGH_WATER && !stream.destroyed) {
		const stop = new AbortController();
		await Promise.race([once(stream, 'data', { signal: stop.signal }), once(stream, 'close', { signal: stop.signal })]).catch(() => {});
		stop.abort();
	}
	await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Writes sections to `stream` as an .xlsx workbook, one sheet each: bold frozen header row, Vietnamese-style
 * number formats, formulas in text neutralised. exceljs' streaming writer commits rows as they go; between
 * pages the writer waits while the reader is behind, so a long list never sits whole in memory.
 */
async function writeWorkbook(stream: PassThrough, sections: StreamedSection[], meta: { title: string; subject: string }) {
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
		let written = 0;
		for await (const cells of section.rows) {
			const row = sheet.addRow(cells.map((c) => (typeof c === 'string' ? neutralised(c) : c)));
			row.font = { name: 'Times New Roman', size: 12 };
			cells.forEach((c, i) => {
				if (typeof c === 'number') row.getCell(i + 1).numFmt = Number.isInteger(c) ? '#,##0' : '#,##0.0';
			});
			row.commit();
			if (++written % 500 === 0) await readerCaughtUp(stream);
		}
		sheet.commit();
	}
	await workbook.commit();
}

/** The workbook as a stream for a response body; an error mid-way ends the download broken, never a partial file that looks whole. */
export function workbookStream(sections: StreamedSection[], meta: { title: string; subject: string }): ReadableStream<Uint8Array> {
	const stream = new PassThrough();
	writeWorkbook(stream, sections, meta).catch((e: Error) => stream.destroy(e));
	return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/** A small workbook (figures, a report) whole in memory. */
export async function workbookOf(sections: Section[], meta: { title: string; subject: string }): Promise<Buffer> {
	const stream = new PassThrough();
	const chunks: Buffer[] = [];
	stream.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = once(stream, 'end');
	await writeWorkbook(stream, sections, meta);
	await ended;
	return Buffer.concat(chunks);
}
