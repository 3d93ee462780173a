import { isWithin } from '../units/tree';

/** Where a campaign reaches: its owner's tree and the trees of the units that joined it. */
export interface CampaignReach {
	campaignId: number;
	ownerPath: string;
	joinedPaths: string[];
}

/**
 * Whether a unit takes part in a campaign: it sits in the owner's tree or under a unit that joined it.
 * Work may be logged only in a campaign its unit takes part in.
 */
export function takesPart(unitPath: string, reach: CampaignReach): boolean {
	return isWithin(unitPath, reach.ownerPath) || reach.joinedPaths.some((p) => isWithin(unitPath, p));
}

/** The campaigns a unit takes part in, in the order given (oldest campaign first). */
export function campaignsOfUnit(unitPath: string, reaches: CampaignReach[]): number[] {
	return reaches.filter((r) => takesPart(unitPath, r)).map((r) => r.campaignId);
}

/** Why a unit may not join a campaign; null when it may. */
export type JoinRefusal = 'ownerTree' | 'joined' | 'underJoined' | 'beforeStart' | 'afterEnd';

/**
 * Whether a unit may join a campaign on `joinedOn` (YYYY-MM-DD): not already taking part (in the owner's
 * tree, joined itself, or under a unit that joined) and on a day of the campaign.
 */
export function joinRefusal(
	unitPath: string,
	joinedOn: string,
	reach: CampaignReach,
	dates: { startsOn: string; endsOn: string }
): JoinRefusal | null {
	if (isWithin(unitPath, reach.ownerPath)) return 'ownerTree';
	if (reach.joinedPaths.includes(unitPath)) return 'joined';
	if (reach.joinedPaths.some((p) => isWithin(unitPath, p))) return 'underJoined';
	if (joinedOn < dates.startsOn) return 'beforeStart';
	if (joinedOn > dates.endsOn) return 'afterEnd';
	return null;
}

/**
 * Whether a unit stops taking part when the joined unit at `leavingPath` leaves: it was reached through that
 * unit alone (a unit under another joined unit, or in the owner's tree, stays).
 */
export function stopsTakingPart(unitPath: string, leavingPath: string, reach: CampaignReach): boolean {
	const after = { ...reach, joinedPaths: reach.joinedPaths.filter((p) => p !== leavingPath) };
	return takesPart(unitPath, reach) && !takesPart(unitPath, after);
}
