import type { FeedBadge, FeedItem } from './contract';

export type TickerItem = FeedItem | FeedBadge;

/** A stable identity: an approval by its initiative (a re-approval replaces it), a badge by who, what and when. */
export function tickerKey(item: TickerItem): string {
	return item.kind === 'approved' ? `a:${item.initiativeId}` : `b:${item.holder}:${item.badgeName}:${item.level}:${item.at}`;
}

/**
 * Items pushed live and items fetched after a reconnect meet here: one entry per key (the newest wins),
 * newest first, at most `limit`.
 */
export function mergeTicker(incoming: TickerItem[], held: TickerItem[], limit: number): TickerItem[] {
	const byKey = new Map<string, TickerItem>();
	for (const item of [...incoming, ...held]) {
		const key = tickerKey(item);
		const seen = byKey.get(key);
		if (!seen || item.at > seen.at) byKey.set(key, item);
	}
	return [...byKey.values()].sort((a, b) => b.at - a.at).slice(0, limit);
}
