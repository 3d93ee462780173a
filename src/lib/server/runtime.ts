import { loadConfig, type Config } from './config';
import { migrateDatabase, openDatabase, type Db } from './db/client';
import { seedDemoIfEmpty, type SeedOutcome } from './seed/demo';
import type { LeaderboardStore } from './scoring/store';
import type { LivePublisher } from './realtime/publisher';
import { createLeaderboardStore, rebuildBoards } from './scoring/engine';
import { LoopDelay } from './loop-delay';

export type RedisState = 'off' | 'ok' | 'down';

/** Live parts the realtime layer reports once it is attached to an HTTP server. */
export interface RealtimeStatus {
	connectedSockets(): number;
	redisState(): RedisState;
	close(): Promise<void>;
}

export interface Runtime {
	config: Config;
	db: Db;
	/** Leaderboards: a projection of the ledger, rebuilt at start. */
	boards: LeaderboardStore;
	closeBoards: () => Promise<void>;
	realtime: RealtimeStatus | null;
	/** Pushes to sockets; null until socket.io is attached (and in commands and tests without a server). */
	live: LivePublisher | null;
	ready: Promise<SeedOutcome | 'skipped'> | null;
	/** Event-loop delay of this process (reported by /api/health). */
	loopDelay: LoopDelay;
}

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
	const { store, close } = createLeaderboardStore(config, db);
	return { config, db, boards: store, closeBoards: close, realtime: null, live: null, ready: null, loopDelay: new LoopDelay() };
}

/** Migrated at creation; seeded and boards rebuilt from the ledger once. Safe to call from every entry point. */
export function prepareRuntime(): Promise<SeedOutcome | 'skipped'> {
	const runtime = getRuntime();
	runtime.ready ??= (async () => {
		const outcome = runtime.config.seedDemo ? await seedDemoIfEmpty(runtime.db, Date.now()) : 'skipped';
		await rebuildBoards(runtime.db, runtime.boards);
		return outcome;
	})();
	return runtime.ready;
}

export async function closeRuntime(): Promise<void> {
	const holder = globalThis as Holder;
	const runtime = holder[KEY];
	if (!runtime) return;
	await runtime.realtime?.close();
	await runtime.closeBoards();
	runtime.loopDelay.stop();
	runtime.db.$client.close();
	delete holder[KEY];
}
