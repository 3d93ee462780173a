import { getRuntime } from './runtime';
import type { Runtime } from './realtime/types';
import { demoLogins, seedDemoIfEmpty, type DemoLogin, type SeedOutcome } from './seed/demo';
import { reachableFromNetwork } from './config';
import { rebuildBoards } from './scoring/projection';

const KEY = Symbol.for('tienphong.startup');
export interface Started {
	seed: SeedOutcome | 'skipped';
	/** The demo's sign-ins to print (empty without the demo). */
	demoLogins: DemoLogin[];
}

type Holder = { [KEY]?: WeakMap<Runtime, Promise<Started>> };

/**
 * Seeds the demo (when configured) and rebuilds the boards from the ledger, once per runtime, whichever
 * entry point asks first (server.ts, hooks.server.ts's init, the Vite dev plugin). Kept apart from
 * runtime.ts so that code reading the runtime on every request never loads the demo seeder.
 */
export function prepareRuntime(): Promise<Started> {
	const runtime = getRuntime();
	const prepared = ((globalThis as Holder)[KEY] ??= new WeakMap());
	let ready = prepared.get(runtime);
	if (!ready) {
		ready = (async () => {
			const seed = runtime.config.seedDemo ? await seedDemoIfEmpty(runtime.db, Date.now()) : 'skipped';
			const demo = seed === 'seeded' || seed === 'already-demo';
			const logins = demo ? await demoLogins(runtime.db, reachableFromNetwork(runtime.config), Date.now()) : [];
			await rebuildBoards(runtime.db, runtime.boards);
			return { seed, demoLogins: logins };
		})();
		prepared.set(runtime, ready);
	}
	return ready;
}
