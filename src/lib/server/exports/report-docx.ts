import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IParagraphOptions
} from 'docx';
import { NARRATIVE_SECTIONS, type ReportDocument } from '../../domain/reports/types';
import { formatNumber } from '../../format';
import { t } from '../../i18n';

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type RunStyle = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };
const run = (text: string, style: RunStyle = {}) =>
	new TextRun({
		text,
		font: FONT,
		size: (style.size ?? 13) * 2,
		bold: style.bold,
		italics: style.italics,
		underline: style.underline ? {} : undefined
	});
const para = (text: string, style: RunStyle = {}, options: Omit<IParagraphOptions, 'children'> = {}) =>
	new Paragraph({ ...options, children: [run(text, style)] });
const centred = (text: string, style: RunStyle = {}) => para(text, style, { alignment: AlignmentType.CENTER });
const body = (text: string) =>
	new Paragraph({
		alignment: AlignmentType.JUSTIFIED,
		indent: { firstLine: Math.round(10 * MM) },
		spacing: { after: 60 },
		children: text.split('\n').flatMap((line, i) => (i === 0 ? [run(line)] : [new TextRun({ break: 1 }), run(line)]))
	});

function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
	const cell = (children: Paragraph[]) => new TableCell({ children, borders: NO_BORDERS, width: { size: 50, type: WidthType.PERCENTAGE } });
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: NO_BORDERS,
		rows: [new TableRow({ children: [cell(left), cell(right)] })]
	});
}

function figuresTable(doc: ReportDocument): Table {
	const cell = (text: string, style: RunStyle = {}, right = false) =>
		new TableCell({ children: [para(text, { size: 12, ...style }, right ? { alignment: AlignmentType.RIGHT } : {})] });
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({
				tableHeader: true,
				children: ['Nội dung', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả'].map((h) => cell(h, { bold: true }))
			}),
			...doc.figures.measures.map(
				(m) =>
					new TableRow({
						children: [
							cell(m.contentAreaCode),
							cell(`${m.activityTypeName}: ${m.label}`),
							cell(m.unitLabel),
							cell(formatNumber(m.approved), {}, true)
						]
					})
			)
		]
	});
}

/**
 * The report as a .docx in the Vietnamese administrative layout of its family (reference/document-format.md):
 * heading block, kind and summary centred, figures table, assessment, "Nơi nhận" and the signing block,
 * Times New Roman 13 pt on A4 with the prescribed margins. Laid out like the print page.
 */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
	const youth = doc.family === 'youth_union';
	const [y, m, d] = doc.date.split('-');
	const cutoff = doc.cutoffDay.split('-').reverse().join('/');
	const heading = twoColumns(
		[
			...(doc.superiorBody ? [centred(doc.superiorBody, { bold: !youth })] : []),
			centred(doc.issuingBody, { bold: true }),
			centred(youth ? '***' : '———'),
			centred(doc.numberAndSymbol)
		],
		[
			...(youth
				? [centred('ĐOÀN TNCS HỒ CHÍ MINH', { bold: true })]
				: [
						centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 }),
						centred('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })
					]),
			centred(`${doc.place}, ngày ${d} tháng ${m} năm ${y}`, { italics: true })
		]
	);
	const narrative = NARRATIVE_SECTIONS.flatMap((section, i) => [
		para(`${i + 1}. ${t(`report.section.${section}`)}`, { bold: true }, { spacing: { before: 120 } }),
		body(doc.narrative[section] || '…')
	]);
	const quoted = doc.quoted.flatMap((q) => [
		para(q.unitName, { bold: true }, { spacing: { before: 120 } }),
		...NARRATIVE_SECTIONS.filter((s) => q.narrative[s]).map((s) => body(`${t(`report.section.${s}`)}: ${q.narrative[s]}`))
	]);
	const levels = doc.figures.worksByLevel.map((l) => `${l.label}: ${formatNumber(l.count)}`).join('; ');
	const signing = twoColumns(
		[para(t('report.recipients'), { bold: true, italics: true, size: 12 }), ...doc.recipients.map((r) => para(`- ${r};`, { size: 11 }))],
		[
			centred(doc.signingOnBehalf, { bold: true }),
			centred(doc.signerTitle, { bold: true }),
			...Array.from({ length: 4 }, () => centred('')),
			centred(doc.signerName, { bold: true })
		]
	);
	const document = new Document({
		creator: 'Tiên Phong',
		title: `${t('report.docTitle')} ${doc.summaryLine}`,
		styles: { default: { document: { run: { font: FONT, size: 26 } } } },
		sections: [
			{
				properties: {
					page: { size: { width: 11906, height: 16838 }, margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } }
				},
				children: [
					heading,
					para(t('report.docTitle'), { bold: true, size: 14 }, { alignment: AlignmentType.CENTER, spacing: { before: 360 } }),
					centred(doc.summaryLine, { bold: true }),
					centred(`(Số liệu tính đến ngày ${cutoff})`, { italics: true }),
					para('I. KẾT QUẢ THỰC HIỆN THEO NỘI DUNG THI ĐUA', { bold: true }, { spacing: { before: 240 } }),
					body(
						`Tổng số sáng kiến, công trình đã được cấp trên xác nhận: ${formatNumber(doc.figures.works.approved)}${levels ? ` (${levels})` : ''}.`
					),
					figuresTable(doc),
					...(doc.figures.teams.length > 0
						? [
								body(
									`Đội hình: ${doc.figures.teams.map((team) => `${team.kindLabel}: ${formatNumber(team.teams)} đội, ${formatNumber(team.members)} thành viên`).join('; ')}.`
								)
							]
						: []),
					...(doc.adjustments.length > 0
						? [
								body(
									`Điều chỉnh sau ngày chốt: ${doc.adjustments.length} quyết định (duyệt muộn hoặc thu hồi), không tính vào số liệu trên.`
								)
							]
						: []),
					para('II. ĐÁNH GIÁ CHUNG', { bold: true }, { spacing: { before: 240 } }),
					...narrative,
					...(quoted.length > 0
						? [para('III. BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC', { bold: true }, { spacing: { before: 240 } }), ...quoted]
						: []),
					para(''),
					signing
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
