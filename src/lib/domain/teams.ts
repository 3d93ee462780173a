import { idsOnPath } from './units/tree';

export const TEAM_KINDS = ['digital_volunteer', 'community_tech', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/**
 * Members of a team come from the district-level union its home unit belongs to (or the whole province for a
 * provincial team): a team in Tuần Giáo does not enrol members of Mường Nhé.
 */
export function teamMemberScope(homeUnitPath: string): string {
	return `/${idsOnPath(homeUnitPath).slice(0, 2).join('/')}/`;
}
