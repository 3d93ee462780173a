import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { initiatives } from '../db/schema';

/** A proposal's evidence as links: the works' titles, and whether each still stands approved. */
export function evidenceWorks(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	const rows = db
		.select({ id: initiatives.id, title: initiatives.title, status: initiatives.status })
		.from(initiatives)
		.where(inArray(initiatives.id, [...ids]))
		.all();
	return ids.flatMap((id) => rows.filter((r) => r.id === id)).map((r) => ({ id: r.id, title: r.title, standing: r.status === 'approved' }));
}
