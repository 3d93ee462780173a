import { CONTRIBUTOR_SUBJECT } from '../contributors';
import { idsOnPath } from '../units/tree';
import type { Credit } from './rules';

/**
 * A leaderboard: in which campaign, who competes (members, teams, or units of one level), within which
 * unit's subtree, over which period, optionally for one content area. Keys are plain strings so both stores
 * can hold them; the campaign comes first, so campaigns sharing a period code never share a board.
 */
export interface BoardSpec {
	campaignId: number;
	subjectType: string;
	scopeUnitId: number;
	periodCode: string;
	area: string | null;
}

export function boardKey(spec: BoardSpec): string {
	return `${spec.campaignId}|${spec.subjectType}|${spec.scopeUnitId}|${spec.periodCode}${spec.area ? `|${spec.area}` : ''}`;
}

export function parseBoardKey(key: string): BoardSpec | null {
	const [campaign, subjectType, scope, periodCode, area, extra] = key.split('|');
	if (!campaign || !subjectType || !scope || !periodCode || extra !== undefined) return null;
	if (!/^\d+$/.test(campaign) || !/^\d+$/.test(scope)) return null;
	return { campaignId: Number(campaign), subjectType, scopeUnitId: Number(scope), periodCode, area: area ?? null };
}

/**
 * The units whose boards count a credit: members and teams compete within their own unit and every unit
 * above it; a unit competes within the units above it (a branch is not ranked inside itself).
 */
export function scopesFor(credit: Pick<Credit, 'subjectType' | 'scopePath'>, unitSubject: boolean): number[] {
	const ids = idsOnPath(credit.scopePath);
	return unitSubject ? ids.slice(0, -1) : ids;
}

/**
 * Every board one credit of a campaign lands on: each scope × each of the campaign's periods containing the
 * activity × (all areas, its area).
 */
export function boardKeysFor(
	campaignId: number,
	credit: Pick<Credit, 'subjectType' | 'scopePath'>,
	unitSubject: boolean,
	periodCodes: string[],
	area: string | null
): string[] {
	const keys: string[] = [];
	const { subjectType } = credit;
	for (const scopeUnitId of scopesFor(credit, unitSubject)) {
		for (const periodCode of periodCodes) {
			keys.push(boardKey({ campaignId, subjectType, scopeUnitId, periodCode, area: null }));
			if (area) keys.push(boardKey({ campaignId, subjectType, scopeUnitId, periodCode, area }));
		}
	}
	return keys;
}

/** Competition ranks over scores already in list order: equal scores share a rank (1, 2, 2, 4). */
export function competitionRanks(scores: number[]): number[] {
	const ranks: number[] = [];
	scores.forEach((score, i) => ranks.push(i > 0 && score === scores[i - 1] ? ranks[i - 1]! : i + 1));
	return ranks;
}

/** Points per active member, in thousandths, so small branches can win on effort rather than size. */
export function perCapita(points: number, activeMembers: number): number {
	return activeMembers > 0 ? Math.round((points * 1000) / activeMembers) : 0;
}

/** Units compete within the units above them; members, teams and contributors also within their own unit. */
export function isUnitSubject(subjectType: string): boolean {
	return subjectType !== 'member' && subjectType !== 'team' && subjectType !== CONTRIBUTOR_SUBJECT;
}
