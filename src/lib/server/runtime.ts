import { loadConfig, type Config } from './config';
import { migrateDatabase, openDatabase } from './db/client';
import { createLeaderboardStore } from './scoring/open-store';
import { LoopDelay } from './loop-delay';
import { configureHashBudget } from './auth/hash-budget';
import type { Runtime } from './realtime/types';

/**
 * One runtime per process, shared through globalThis: the production entry (server.ts), the Vite dev
 * plugin and SvelteKit's bundled server code each load their own copy of this module, and must still
 * share one database connection and one socket.io server.
 */
const KEY = Symbol.for('tienphong.runtime');
type Holder = { [KEY]?: Runtime };

export function getRuntime(): Runtime {
	const holder = globalThis as Holder;
	holder[KEY] ??= createRuntime(loadConfig());
	return holder[KEY];
}

export function createRuntime(config: Config): Runtime {
	const db = openDatabase(config.databasePath);
	migrateDatabase(db);
	const { store, close, whenResynced } = createLeaderboardStore(config, db);
	configureHashBudget(config.hashing);
	return {
		config,
		db,
		boards: store,
		closeBoards: close,
		whenBoardsResynced: whenResynced,
		realtime: null,
		live: null,
		loopDelay: new LoopDelay(),
		stops: [],
		backups: null,
		stopping: false
	};
}

export async function closeRuntime(): Promise<void> {
	const holder = globalThis as Holder;
	const runtime = holder[KEY];
	if (!runtime) return;
	for (const stop of runtime.stops.splice(0)) stop();
	await runtime.realtime?.close();
	await runtime.closeBoards();
	runtime.loopDelay.stop();
	runtime.db.$client.close();
	delete holder[KEY];
}
