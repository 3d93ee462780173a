import type { Db } from '../db/client';
import { campaignReaches } from '../campaigns/participation';
import { activeUnits } from './queries';
import { takesPart } from '../../domain/campaigns/participation';
import { toSearchText } from '../../text';

/**
 * How a table an office pastes names a unit of a campaign: by its code as typed, or by its name whatever the case
 * and accents ("Xã Tà Ma", "XÃ TÀ MA"). Answers every active unit taking part that the text could mean, so the
 * caller refuses none and two alike.
 */
export function campaignUnitFinder(db: Db, campaignId: number): (text: string) => number[] {
	const reach = campaignReaches(db).find((r) => r.campaignId === campaignId);
	const byText = new Map<string, Set<number>>();
	const add = (key: string, id: number) => byText.set(key, (byText.get(key) ?? new Set()).add(id));
	for (const u of activeUnits(db)) {
		if (!reach || !takesPart(u.path, reach)) continue;
		if (u.code) add(u.code.trim().toLowerCase(), u.id);
		add(toSearchText(u.name), u.id);
	}
	return (text) => [...(byText.get(text.trim().toLowerCase()) ?? byText.get(toSearchText(text)) ?? [])];
}
