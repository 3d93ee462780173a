import type { Db } from '../db/client';
import { teamsOf } from '../teams/queries';
import { personDetail } from '../people/queries';
import { ancestorsOf } from '../units/queries';

/** The viewer's own subject on a board of this kind: themselves, their team, or their unit at that level. */
export function mySubject(db: Db, personId: number | null, subjectType: string): number | null {
	if (personId === null) return null;
	if (subjectType === 'member') return personId;
	if (subjectType === 'team') return teamsOf(db, personId)[0]?.id ?? null;
	const home = personDetail(db, personId)?.memberships.find((m) => m.leftOn === null);
	if (!home) return null;
	// Only the units above the person's own: the board's level is among them or nowhere.
	return ancestorsOf(db, { path: home.unitPath }).find((u) => u.level === subjectType)?.id ?? null;
}
