import type { Db } from '../db/client';
import { teamsOf } from '../teams/queries';
import { personDetail } from '../people/queries';
import { ancestorsOf } from '../units/queries';

/** The units from the root down to the person's own (open membership); empty for someone in no unit. */
export function homeChain(db: Db, personId: number) {
	const home = personDetail(db, personId)?.memberships.find((m) => m.leftOn === null);
	return home ? ancestorsOf(db, { path: home.unitPath }) : [];
}

/** The viewer's own subject on a board of this kind: themselves, their team, or their unit at that level. */
export function mySubject(db: Db, personId: number | null, subjectType: string): number | null {
	if (personId === null) return null;
	if (subjectType === 'member') return personId;
	if (subjectType === 'team') return teamsOf(db, personId)[0]?.id ?? null;
	// Only the person's own unit and those above it: the board's level is among them or nowhere.
	return homeChain(db, personId).find((u) => u.level === subjectType)?.id ?? null;
}
