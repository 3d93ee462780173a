/**
 * Contributors: those who take part in a campaign without being units, teams or people of the tree — a
 * household (hộ gia đình) of a xóm or bản, a young person who is not a union member, a collective or a person
 * from outside the area who helped ("tập thể, cá nhân ngoài địa bàn có nhiều đóng góp").
 *
 * Why not units: a unit has a secretary, members, a place among the verifiers and boards of its own below it;
 * a household has none of these, and making thousands of households units would make each one a verifier's
 * scope and a level of every board. Why not people: people of the tree have accounts, memberships, roles and
 * personal data under the portal's privacy rules; a household is a name recorded by the unit that saw its
 * work, never signs in, and a collective is not a person at all. So a contributor is a name with a kind (one
 * of the campaign's participant kinds), kept per campaign and attached to the unit that recorded it: boards
 * count it within that unit and the units above it, like a member.
 */

/** A participant kind as a campaign file lists it. */
export interface KindLike {
	code: string;
	label: string;
	collective: boolean;
	/** How the portal records this kind; absent: a level of the campaign is a unit, `member` a member, else a contributor. */
	recordedAs?: RecordedAs;
}

export const RECORDED_AS = ['unit', 'team', 'member', 'contributor'] as const;
export type RecordedAs = (typeof RECORDED_AS)[number];

/** The one subject type contributors have on the ledger and on boards (the kind is read from the contributor). */
export const CONTRIBUTOR_SUBJECT = 'contributor';

/** Largest number of contributors one initiative records (picked and new together). */
export const CONTRIBUTORS_MAX = 200;
/** Largest number of new contributors one save adds. */
export const NEW_CONTRIBUTORS_MAX = 50;

export function recordedAs(kind: KindLike, levelCodes: ReadonlySet<string>): RecordedAs {
	if (kind.recordedAs) return kind.recordedAs;
	if (levelCodes.has(kind.code)) return 'unit';
	if (kind.code === 'member') return 'member';
	return 'contributor';
}

/** The campaign's kinds that are recorded as contributors, in the file's order. */
export function contributorKinds<K extends KindLike>(kinds: readonly K[], levelCodes: ReadonlySet<string>): K[] {
	return kinds.filter((k) => recordedAs(k, levelCodes) === 'contributor');
}

export type NameProblem = 'short' | 'long' | 'markup';

/** A contributor's name: 2-120 characters after trimming, no markup or control characters. */
export function checkContributorName(raw: string): { ok: true; name: string } | { ok: false; problem: NameProblem } {
	const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (/[<>{}\p{Cc}]/u.test(name) || /\b(?:javascript|data|vbscript):/i.test(name)) return { ok: false, problem: 'markup' };
	if ([...name].length < 2) return { ok: false, problem: 'short' };
	if ([...name].length > 120) return { ok: false, problem: 'long' };
	return { ok: true, name };
}
