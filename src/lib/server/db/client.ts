import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'drizzle');

/**
 * Opens the database with the durability settings the ledger needs and checks they took.
 * better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database silently
 * runs at NORMAL (committed rows lost on power loss) unless FULL is set on every connection.
 */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	assertPragmas(sqlite, path);
	reusePreparedStatements(sqlite);
	return drizzle(sqlite, { schema, casing: 'snake_case' }) as Db;
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * drizzle's query builders call `prepare` on every execution; compiling the same SQL text again was the
 * largest cost of an approval (about forty statements). Statements are handed out in their default modes,
 * and one still being iterated is never shared.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const byText = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		const cached = byText.get(source);
		if (cached && !cached.busy) return cached.reader ? cached.raw(false).pluck(false).expand(false) : cached;
		const fresh = prepare(source);
		if (byText.size >= STATEMENT_CACHE_SIZE) byText.clear();
		byText.set(source, fresh);
		return fresh;
	}) as typeof sqlite.prepare;
}

export function readPragmas(sqlite: Database.Database) {
	return {
		journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
		synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
		foreignKeys: Number(sqlite.pragma('foreign_keys', { simple: true })),
		busyTimeout: Number(sqlite.pragma('busy_timeout', { simple: true }))
	};
}

function assertPragmas(sqlite: Database.Database, path: string): void {
	const p = readPragmas(sqlite);
	const wantWal = path === ':memory:' ? 'memory' : 'wal';
	if (p.journalMode !== wantWal || p.synchronous !== 2 || p.foreignKeys !== 1 || p.busyTimeout < 5000) {
		sqlite.close();
		throw new Error(`SQLite pragmas not as required (${JSON.stringify(p)}); refusing to start`);
	}
}

export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
	migrate(db, { migrationsFolder });
}

export function databaseHealthy(db: Db): boolean {
	try {
		return db.$client.prepare('select 1 as ok').get() !== undefined;
	} catch {
		return false;
	}
}
