import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { initiatives } from '../db/schema';

/**
 * Proposals' evidence as links, read in one query for all of them: give each proposal's ids, get its works'
 * titles and whether each still stands approved, in the order given.
 */
export function evidenceWorksOf(db: Db, ids: readonly number[]) {
	const rows = ids.length
		? db
				.select({ id: initiatives.id, title: initiatives.title, status: initiatives.status })
				.from(initiatives)
				.where(inArray(initiatives.id, [...new Set(ids)]))
				.all()
		: [];
	const byId = new Map(rows.map((r) => [r.id, { id: r.id, title: r.title, standing: r.status === 'approved' }]));
	return (of: readonly number[]) => of.flatMap((id) => byId.get(id) ?? []);
}
