import type { Figures, FigureAdjustment } from '../figures/types';

/** The narrative sections of a report, in the order of seed 003's assessment. */
export const NARRATIVE_SECTIONS = ['results', 'models', 'limitations', 'lessons', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Record<NarrativeSection, string>;

/** Which official layout an exported document takes (reference/document-format.md). */
export type DocumentFamily = 'youth_union' | 'state';

/** Everything an exported report needs, computed by the server; the exporters only lay it out. */
export interface ReportDocument {
	family: DocumentFamily;
	/** "ĐOÀN TNCS HỒ CHÍ MINH" or the superior state body; empty when none. */
	superiorBody: string;
	/** "BCH HUYỆN TUẦN GIÁO", "UBND XÃ TÀ MA". */
	issuingBody: string;
	/** "Số: 15-BC/HĐTN" (may be "Số:    /BC-..." left for the office to fill). */
	numberAndSymbol: string;
	/** "Tuần Giáo" */
	place: string;
	/** 'YYYY-MM-DD' of the document. */
	date: string;
	/** "Kết quả thực hiện phong trào … năm 2026". */
	summaryLine: string;
	campaignName: string;
	periodName: string;
	/** dd/mm/yyyy shown as "Số liệu tính đến ngày …". */
	cutoffDay: string;
	figures: Figures;
	adjustments: FigureAdjustment[];
	narrative: Narrative;
	/** Children's narratives quoted in a consolidated report. */
	quoted: Array<{ unitName: string; narrative: Narrative }>;
	recipients: string[];
	/** "TM. BAN THƯỜNG VỤ" / "TM. ỦY BAN NHÂN DÂN". */
	signingOnBehalf: string;
	/** "BÍ THƯ" / "CHỦ TỊCH". */
	signerTitle: string;
	signerName: string;
	/** Set once submitted: version number and when. */
	version: number | null;
	submittedAt: number | null;
}
