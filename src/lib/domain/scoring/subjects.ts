import { CONTRIBUTOR_SUBJECT } from '../contributors';

/** A unit level as a campaign file declares it (campaign_levels). */
export interface CampaignLevel {
	code: string;
	label: string;
	rank: number;
	boards: boolean;
	position: number;
}

/** A unit level some unit below the root actually uses, with the words pages use for it. */
export interface PresentLevel {
	code: string;
	label: string;
	rank: number;
}

/** One kind of board a campaign offers: a unit level, teams or members, with the campaign's word for it. */
export interface BoardSubjectOption {
	code: string;
	label: string;
	/** Units (not members or teams): per-capita boards and "ranked within the units above" apply. */
	unit: boolean;
	/** A unit level's rank (smaller sits higher); null for teams and members. */
	rank: number | null;
}

const PEOPLE_KINDS = new Set(['team', 'member', CONTRIBUTOR_SUBJECT]);

/**
 * The boards a campaign offers, in order: its unit levels with boards (by rank, then the file's order), then
 * teams and members, then contributors when `words.contributor` names their board. A campaign made before campaign files has no levels: then every level its units use
 * below the root gets boards (by rank, then code), as pages offered before levels were data.
 */
export function boardSubjects(
	levels: readonly CampaignLevel[],
	present: readonly PresentLevel[],
	words: { team: string; member: string; contributor: string | null }
): BoardSubjectOption[] {
	const units =
		levels.length > 0
			? levels
					.filter((l) => l.boards)
					.sort((a, b) => a.rank - b.rank || a.position - b.position)
					.map((l) => ({ code: l.code, label: l.label, rank: l.rank }))
			: [...present]
					.sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
					.map((l) => ({ code: l.code, label: l.label, rank: l.rank }));
	const seen = new Set<string>();
	const options: BoardSubjectOption[] = [];
	// A level coded like a people kind would collide with its board keys: people kinds win.
	for (const l of units) {
		if (PEOPLE_KINDS.has(l.code) || seen.has(l.code)) continue;
		seen.add(l.code);
		options.push({ code: l.code, label: l.label, unit: true, rank: l.rank });
	}
	options.push(
		{ code: 'team', label: words.team, unit: false, rank: null },
		{ code: 'member', label: words.member, unit: false, rank: null }
	);
	// Households and outside contributors compete on one board, only where the campaign's rules credit them.
	if (words.contributor) options.push({ code: CONTRIBUTOR_SUBJECT, label: words.contributor, unit: false, rank: null });
	return options;
}

/** The subject asked for when the campaign offers it, else its first unit board (else its first board). */
export function chosenSubject(options: readonly BoardSubjectOption[], asked: string | null): BoardSubjectOption {
	return options.find((o) => o.code === asked) ?? options.find((o) => o.unit) ?? options[0]!;
}

/**
 * What the big screen rotates through: the campaign's top tier of unit boards (every level of the highest rank
 * with boards: districts for the youth union, agencies and bản for a commune), then teams, then members. For a
 * screen of one unit's own event, `belowRank` is its level's rank: the top tier under it.
 */
export function showcaseSubjects(options: readonly BoardSubjectOption[], belowRank = -Infinity): BoardSubjectOption[] {
	const top = options.find((o) => o.unit && o.rank !== null && o.rank > belowRank)?.rank;
	return [...options.filter((o) => o.unit && o.rank === top), ...options.filter((o) => !o.unit)];
}
