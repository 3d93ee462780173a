import type { Statement } from 'better-sqlite3';
import type { Db } from './client';

/**
 * Prepared statements for the approval hot path, compiled once per connection. Query builders re-compile
 * SQL on every call; on a path that runs dozens of queries per approval that compilation was most of the cost.
 */
const cache = new WeakMap<object, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
	let byText = cache.get(db.$client);
	if (!byText) cache.set(db.$client, (byText = new Map()));
	let stmt = byText.get(sql);
	if (!stmt) byText.set(sql, (stmt = db.$client.prepare(sql)));
	return stmt;
}
