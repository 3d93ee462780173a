import { getRuntime } from './runtime';
import type { Runtime } from './realtime/types';
import { seedDemoIfEmpty, type SeedOutcome } from './seed/demo';
import { rebuildBoards } from './scoring/projection';

const KEY = Symbol.for('tienphong.startup');
type Holder = { [KEY]?: WeakMap<Runtime, Promise<SeedOutcome | 'skipped'>> };

/**
 * Seeds the demo (when configured) and rebuilds the boards from the ledger, once per runtime, whichever
 * entry point asks first (server.ts, hooks.server.ts's init, the Vite dev plugin). Kept apart from
 * runtime.ts so that code reading the runtime on every request never loads the demo seeder.
 */
export function prepareRuntime(): Promise<SeedOutcome | 'skipped'> {
	const runtime = getRuntime();
	const prepared = ((globalThis as Holder)[KEY] ??= new WeakMap());
	let ready = prepared.get(runtime);
	if (!ready) {
		ready = (async () => {
			const outcome = runtime.config.seedDemo ? await seedDemoIfEmpty(runtime.db, Date.now()) : 'skipped';
			await rebuildBoards(runtime.db, runtime.boards);
			return outcome;
		})();
		prepared.set(runtime, ready);
	}
	return ready;
}
