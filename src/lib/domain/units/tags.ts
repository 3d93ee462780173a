/**
 * Unit tags (khối): groups a campaign counts apart — agencies, communes, schools, the armed forces — named in the
 * campaign file's `unitTags`. A tag on a unit covers its subtree. `excludeFromShares` leaves the tagged units'
 * members out of the denominators of shares (003 counts the armed forces apart).
 */
export interface UnitTag {
	code: string;
	label: string;
	excludeFromShares: boolean;
}

/** The tags a unit at `path` carries: those of itself and of every unit above it. */
export function tagsAtPath(path: string, tagged: ReadonlyMap<number, readonly string[]>): string[] {
	const out = new Set<string>();
	for (const id of path.split('/')) {
		if (id === '') continue;
		for (const code of tagged.get(Number(id)) ?? []) out.add(code);
	}
	return [...out];
}
