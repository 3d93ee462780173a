import { describe, expect, it } from 'vitest';
import { ResilientLeaderboardStore } from './resilient-store';
import { MemoryLeaderboardStore } from './memory-store';
import type { LeaderboardStore } from './store';

/** A remote store that can be switched off, as Redis is during an outage. */
function flakyRemote(): { store: LeaderboardStore; down: boolean; inner: MemoryLeaderboardStore } {
	const inner = new MemoryLeaderboardStore();
	const state = { down: false, inner, store: undefined as unknown as LeaderboardStore };
	state.store = new Proxy(inner, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => (state.down ? Promise.reject(new Error('ECONNREFUSED')) : value.apply(target, args));
		}
	}) as LeaderboardStore;
	return state;
}

/**
 * Resolves when the store has rebuilt Redis after a reconnection (it calls onResync then), or fails after a
 * second: the test waits for the rebuild itself, not for a pause that may be too short on a loaded machine.
 */
function rebuilt(store: ResilientLeaderboardStore): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('Redis was not rebuilt within 1000 ms of the reconnection')), 1000);
		const previous = store.onResync;
		store.onResync = () => {
			clearTimeout(timer);
			store.onResync = previous;
			previous?.();
			resolve();
		};
	});
}

describe('boards when Redis fails', () => {
	it('keeps answering from the local copy during an outage and rebuilds Redis from the ledger when it returns', async () => {
		const remote = flakyRemote();
		let ledger = new Map([['member|1|Y2026', new Map([['7', { score: 10, seq: 7 }]])]]);
		let ready: () => void = () => {};
		const store = new ResilientLeaderboardStore(remote.store, new MemoryLeaderboardStore(), () => ledger, (listener) => (ready = listener));
		await store.replaceAll(ledger);
		expect(store.usingRedis).toBe(true);

		remote.down = true;
		await store.apply([{ key: 'member|1|Y2026', subjectId: '7', delta: 5, seq: 7 }]);
		expect(store.usingRedis).toBe(false);
		expect(await store.top('member|1|Y2026', 5)).toMatchObject([{ subjectId: '7', score: 15 }]);

		// Meanwhile the ledger moved on (another process approved something).
		ledger = new Map([['member|1|Y2026', new Map([['7', { score: 15, seq: 7 }], ['8', { score: 30, seq: 8 }]])]]);
		remote.down = false;
		const done = rebuilt(store);
		ready();
		await done;
		expect(store.usingRedis).toBe(true);
		expect((await store.top('member|1|Y2026', 5)).map((r) => [r.subjectId, r.score])).toEqual([['8', 30], ['7', 15]]);
	});

	it('rebuilds Redis on every reconnection, even when this process never saw it fail (a restart emptied it)', async () => {
		const remote = flakyRemote();
		const ledger = new Map([['member|1|Y2026', new Map([['7', { score: 10, seq: 7 }]])]]);
		let ready: () => void = () => {};
		const store = new ResilientLeaderboardStore(remote.store, new MemoryLeaderboardStore(), () => ledger, (listener) => (ready = listener));
		await store.replaceAll(ledger);
		let rechecked = 0;
		store.onResync = () => rechecked++;

		// Redis restarted without persistence while nobody read or wrote a board.
		await remote.inner.replaceAll(new Map());
		const done = rebuilt(store);
		ready();
		await done;
		expect(store.usingRedis).toBe(true);
		expect(await remote.inner.top('member|1|Y2026', 5)).toMatchObject([{ subjectId: '7', score: 10 }]);
		expect(rechecked).toBe(1);
	});

	it('an approval committed while Redis is being rebuilt is not lost: the rebuild runs again', async () => {
		const inner = new MemoryLeaderboardStore();
		let sequence = 1;
		let ledger = new Map([['member|1|Y2026', new Map([['7', { score: 10, seq: 7 }]])]]);
		let rebuilds = 0;
		let duringFirstRebuild: () => Promise<void> = async () => {};
		// Redis takes a while to take the rebuilt boards; meanwhile this process approves something.
		const remote = new Proxy(inner, {
			get(target, prop, receiver) {
				if (prop !== 'replaceAll') return Reflect.get(target, prop, receiver);
				return async (boards: Parameters<LeaderboardStore['replaceAll']>[0]) => {
					if (rebuilds++ === 0) await duringFirstRebuild();
					return target.replaceAll(boards);
				};
			}
		}) as LeaderboardStore;
		let ready: () => void = () => {};
		const store = new ResilientLeaderboardStore(remote, new MemoryLeaderboardStore(), () => ledger, (listener) => (ready = listener), () => sequence);
		duringFirstRebuild = async () => {
			sequence = 2;
			ledger = new Map([['member|1|Y2026', new Map([['7', { score: 10, seq: 7 }], ['8', { score: 30, seq: 8 }]])]]);
			await store.apply([{ key: 'member|1|Y2026', subjectId: '8', delta: 30, seq: 8 }]);
		};
		const done = rebuilt(store);
		ready();
		await done;
		expect(store.usingRedis).toBe(true);
		expect(rebuilds).toBe(2);
		expect((await inner.top('member|1|Y2026', 5)).map((r) => [r.subjectId, r.score])).toEqual([['8', 30], ['7', 10]]);
		expect((await store.top('member|1|Y2026', 5)).map((r) => [r.subjectId, r.score])).toEqual([['8', 30], ['7', 10]]);
	});
});
