import type { Db } from './client';

const byConnection = new WeakMap<object, Map<(db: Db) => unknown, unknown>>();

/**
 * A drizzle query built and prepared once per connection (values passed as `sql.placeholder`). Building a
 * query re-walks its whole expression tree; on the approval path, with some thirty queries, that walk cost
 * more than SQLite running them. `build` must be a module-level function: it is the cache key.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
	let queries = byConnection.get(db.$client);
	if (!queries) byConnection.set(db.$client, (queries = new Map()));
	let query = queries.get(build) as T | undefined;
	if (query === undefined) queries.set(build, (query = build(db)));
	return query;
}
