import { toSearchText } from '../../text';
import { parseVietnameseNumber } from '../initiatives/measures';
import type { MessageKey } from '../../i18n';

/**
 * Scores other bodies give units once a year — the province's "Bộ chỉ số đánh giá Chính quyền số" ranking of
 * communes — imported as a table, shown beside the figures and read by award criteria. Named in the campaign
 * file's `externalIndices`.
 */
export interface ExternalIndex {
	code: string;
	name: string;
}

export interface ScoreRow {
	line: number;
	unitId: number;
	score: number | null;
	rank: number | null;
}

export interface ScoreProblem {
	line: number;
	error: MessageKey;
	/** What the line said, to find it in the sheet. */
	text: string;
}

export const SCORE_MAX = 1_000_000;
export const RANK_MAX = 100_000;

type Column = 'unit' | 'score' | 'rank';
const HEADERS: Record<string, Column> = {
	'don vi': 'unit',
	'ma don vi': 'unit',
	'ten don vi': 'unit',
	diem: 'score',
	'tong diem': 'score',
	'xep hang': 'rank',
	hang: 'rank',
	'thu hang': 'rank'
};

/**
 * A pasted or uploaded table (header line first: "Đơn vị", "Điểm", "Xếp hạng" in any order and case) read
 * strictly: every line names one unit (its code or its exact name), once, with a score, a rank or both.
 * `findUnit` answers the ids a text could mean; none or two are refused. One bad line refuses the table.
 */
export function readScoreTable(
	records: string[][],
	findUnit: (text: string) => number[]
): { ok: true; rows: ScoreRow[] } | { ok: false; problems: ScoreProblem[] } {
	const [header, ...lines] = records;
	const columns = (header ?? []).map((h) => HEADERS[toSearchText(h).trim()]);
	const at = (name: Column) => columns.indexOf(name);
	if (at('unit') < 0 || (at('score') < 0 && at('rank') < 0))
		return { ok: false, problems: [{ line: 1, error: 'externalScores.header', text: (header ?? []).join(' | ') }] };
	const rows: ScoreRow[] = [];
	const problems: ScoreProblem[] = [];
	const seen = new Set<number>();
	lines.forEach((record, i) => {
		const line = i + 2;
		if (record.length === 0) return;
		const cell = (name: Column) => (at(name) < 0 ? '' : (record[at(name)] ?? '').trim());
		const problem = (error: MessageKey) => problems.push({ line, error, text: record.join(' | ').slice(0, 200) });
		const ids = findUnit(cell('unit'));
		if (cell('unit') === '' || ids.length === 0) return problem('unitFinder.unknown');
		if (ids.length > 1) return problem('unitFinder.ambiguous');
		const unitId = ids[0]!;
		if (seen.has(unitId)) return problem('externalScores.duplicateUnit');
		seen.add(unitId);
		const score = cell('score') === '' ? null : parseVietnameseNumber(cell('score'));
		const rank = cell('rank') === '' ? null : parseVietnameseNumber(cell('rank'));
		if (cell('score') === '' && cell('rank') === '') return problem('externalScores.empty');
		if (cell('score') !== '' && (score === null || score < 0 || score > SCORE_MAX)) return problem('externalScores.badScore');
		if (cell('rank') !== '' && (rank === null || !Number.isInteger(rank) || rank < 1 || rank > RANK_MAX))
			return problem('externalScores.badRank');
		rows.push({ line, unitId, score, rank });
	});
	if (rows.length === 0 && problems.length === 0) problems.push({ line: 2, error: 'externalScores.noRows', text: '' });
	return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
