import type { Figures, FigureAdjustment } from '../figures/types';
import type { DocumentFamily, Narrative, ReportDocument } from './types';
import type { ReportKind } from './rules';

export interface DocumentInput {
	unitName: string;
	parentName: string | null;
	/** The campaign's owner root: a Đoàn body files Đoàn documents, anyone else state ones. */
	ownerName: string;
	campaignName: string;
	periodName: string;
	kind: ReportKind;
	/** What an ad hoc request asked for ("Kết quả hỗ trợ người dân cài đặt VNeID"). */
	requestTitle?: string | null;
	cutoffDay: string;
	date: string;
	figures: Figures;
	adjustments: FigureAdjustment[];
	narrative: Narrative;
	quoted: Array<{ unitName: string; narrative: Narrative }>;
	version: number | null;
	submittedAt: number | null;
}

/**
 * "Kết quả thực hiện phong trào thi đua “Chuyển đổi số…” — Năm 2026", "Sơ kết Giai đoạn I thực hiện phong trào …",
 * "Tổng kết phong trào …": a name that already says "phong trào" is not repeated.
 */
function summaryLine(campaignName: string, periodName: string, kind: ReportKind, requestTitle: string | null): string {
	const what = /^phong trào/i.test(campaignName) ? `p${campaignName.slice(1)}` : `phong trào “${campaignName}”`;
	if (kind === 'request' && requestTitle) return `${requestTitle} — ${periodName}`;
	if (kind === 'midterm') return `Sơ kết ${periodName} thực hiện ${what}`;
	if (kind === 'final') return `Tổng kết ${what} — ${periodName}`;
	return `Kết quả thực hiện ${what} — ${periodName}`;
}

const YOUTH_BODY = /(^|\s)đoàn(\s|$)/i;

export function documentFamily(ownerName: string): DocumentFamily {
	return YOUTH_BODY.test(ownerName) ? 'youth_union' : 'state';
}

/** "Huyện đoàn Tuần Giáo" → "Huyện Tuần Giáo": the body a Đoàn committee (BCH) heads. */
const withoutUnionWord = (name: string) => name.replace(/\s*đoàn\s*/i, ' ').trim();
/** "Huyện Tuần Giáo" → "Tuần Giáo": where the document is written. */
const placeOf = (name: string) =>
	withoutUnionWord(name)
		.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '')
		.replace(/^(tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn|thị|thành)\s+/i, '');

/**
 * The report as an official document of its family (reference/document-format.md): a Đoàn report under
 * "ĐOÀN TNCS HỒ CHÍ MINH" signed for the standing committee, or a state one under the national motto signed
 * for the People's Committee. The number is left for the office to fill, as offices do before signing.
 */
export function reportDocument(input: DocumentInput): ReportDocument {
	const family = documentFamily(input.ownerName);
	const youth = family === 'youth_union';
	return {
		family,
		superiorBody: youth ? 'ĐOÀN TNCS HỒ CHÍ MINH' : (input.parentName?.toLocaleUpperCase('vi') ?? ''),
		issuingBody: youth ? `BCH ${withoutUnionWord(input.unitName).toLocaleUpperCase('vi')}` : input.unitName.toLocaleUpperCase('vi'),
		numberAndSymbol: youth ? 'Số:      -BC/' : 'Số:      /BC-',
		place: placeOf(input.unitName),
		date: input.date,
		summaryLine: summaryLine(input.campaignName, input.periodName, input.kind, input.requestTitle ?? null),
		campaignName: input.campaignName,
		periodName: input.periodName,
		cutoffDay: input.cutoffDay,
		figures: input.figures,
		adjustments: input.adjustments,
		narrative: input.narrative,
		quoted: input.quoted,
		recipients: youth
			? [...(input.parentName ? [`Ban Thường vụ ${input.parentName}`] : []), 'Lưu VP']
			: [...(input.parentName ? [input.parentName] : []), 'Lưu: VT'],
		signingOnBehalf: youth ? 'TM. BAN THƯỜNG VỤ' : 'TM. ỦY BAN NHÂN DÂN',
		signerTitle: youth ? 'BÍ THƯ' : 'CHỦ TỊCH',
		signerName: '',
		version: input.version,
		submittedAt: input.submittedAt
	};
}
