import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { activeUnits, listLevels, memberCounts, searchUnits } from '$lib/server/units/queries';
import { buildTree } from '$lib/server/units/tree-view';
import { isoDay } from '$lib/format';

export const load: PageServerLoad = (event) => {
	const { url } = event;
	const { db, now } = serviceContext(event);
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const rows = activeUnits(db);
	const counts = memberCounts(
		db,
		rows.map((r) => r.path),
		isoDay(now)
	);
	const levels = Object.fromEntries(listLevels(db).map((l) => [l.code, l.label]));
	const results = query.trim()
		? searchUnits(db, query).map((u) => ({ id: u.id, name: u.name, level: u.level, members: counts.get(u.path) ?? 0 }))
		: null;
	return { tree: buildTree(rows, counts), levels, query, results };
};
