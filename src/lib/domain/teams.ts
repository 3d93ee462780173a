import { idsOnPath } from './units/tree';
import { t } from '../i18n';

/** The kinds every installation had before campaigns named their own; a campaign without a `teams` section uses them. */
export const TEAM_KINDS = ['digital_volunteer', 'community_tech', 'other'] as const;
export type BuiltInTeamKind = (typeof TEAM_KINDS)[number];

export interface TeamKindDef {
	code: string;
	label: string;
}

/**
 * A campaign's teams: the kinds a team may be registered as and the level of the tree a team enrols from.
 * `enrolFromLevel` null is the rule from before campaign files: the ancestor at depth 1 (the district-level union
 * in a province tree).
 */
export interface TeamSettings {
	kinds: TeamKindDef[];
	enrolFromLevel: string | null;
}

export const TEAM_KIND_CODE = /^[a-z0-9_]{1,40}$/;

const isBuiltIn = (code: string): code is BuiltInTeamKind => (TEAM_KINDS as readonly string[]).includes(code);

export function defaultTeamSettings(): TeamSettings {
	return { kinds: TEAM_KINDS.map((code) => ({ code, label: t(`team.kind.${code}`) })), enrolFromLevel: null };
}

/**
 * A team's kind as words: the campaign's label, else the built-in one (a team registered before its campaign
 * named its own kinds), else the code itself (never blank).
 */
export function teamKindLabel(kinds: readonly TeamKindDef[], code: string): string {
	return kinds.find((k) => k.code === code)?.label ?? (isBuiltIn(code) ? t(`team.kind.${code}`) : code);
}

/**
 * Members of a team come from the district-level union its home unit belongs to (or the whole province for a
 * provincial team): a team in Tuần Giáo does not enrol members of Mường Nhé. The rule of campaigns that do not
 * name an enrolment level.
 */
export function teamMemberScope(homeUnitPath: string): string {
	return `/${idsOnPath(homeUnitPath).slice(0, 2).join('/')}/`;
}

/**
 * The subtree a team enrols from: the nearest ancestor (or the unit itself) at the campaign's `enrolFromLevel`,
 * so a commune campaign enrols from the commune and a union campaign from the district. `chain` is the home unit's
 * path as units, root first, ending with the unit. A unit with no such ancestor (a provincial team in a district
 * campaign, an agency directly under the province) keeps the depth-1 rule.
 */
export function enrolmentScope(chain: ReadonlyArray<{ id: number; level: string }>, enrolFromLevel: string | null): string {
	let at = -1;
	if (enrolFromLevel !== null) for (let i = chain.length - 1; i >= 0 && at < 0; i--) if (chain[i]!.level === enrolFromLevel) at = i;
	const ids = chain.map((u) => u.id);
	return `/${(at >= 0 ? ids.slice(0, at + 1) : ids.slice(0, 2)).join('/')}/`;
}
