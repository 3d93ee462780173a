import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
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

/**
 * `column in (…)` for a prepared query: the values travel as one JSON list bound to the placeholder `name`, so one
 * statement serves any number of them (and SQLite's limit on bound parameters never applies).
 */
export function inJsonList(column: SQLWrapper, name = 'ids'): SQL {
	return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}
