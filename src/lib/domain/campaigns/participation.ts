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
