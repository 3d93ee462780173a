import { describe, expect, it } from 'vitest';
import { ResilientLeaderboardStore } from './resilient-store';
import { MemoryLeaderboardStore } from './memory-store';
import { followLedger, type LedgerFeed } from './follow';
import type { BoardEntry, Boards, LeaderboardStore } from './store';

/** A remote store that can be switched off, as Redis is during an outage. */
function flakyRemote(inner = new MemoryLeaderboardStore()): { store: LeaderboardStore; down: boolean; inner: MemoryLeaderboardStore } {
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

const KEY = '1|member|1|Y2026';

/** A ledger of rows (id = position + 1), each giving one subject points on KEY. */
function fakeLedger() {
	const rows: Array<{ subjectId: string; points: number }> = [];
	let snapshots = 0;
	const feed: LedgerFeed = {
		sequence: () => rows.length,
		changes: (from, to) =>
			rows.slice(from, to).map((r) => ({ key: KEY, subjectId: r.subjectId, delta: r.points, seq: Number(r.subjectId) })),
		snapshot: () => {
			snapshots++;
			const board = new Map<string, BoardEntry>();
			for (const r of rows)
				board.set(r.subjectId, {
					subjectId: r.subjectId,
					score: (board.get(r.subjectId)?.score ?? 0) + r.points,
					seq: Number(r.subjectId)
				});
			const boards: Boards = new Map([[KEY, board]]);
			return { sequence: rows.length, boards };
		}
	};
	return {
		feed,
		rows,
		add: (subjectId: string, points: number) => rows.push({ subjectId, points }),
		snapshots: () => snapshots
	};
}

/** A store whose Redis and local copy were both built from `ledger`; `ready()` announces a reconnection. */
async function storeOnRedis(ledger: ReturnType<typeof fakeLedger>, remote: ReturnType<typeof flakyRemote>) {
	let ready: () => void = () => {};
	const store = new ResilientLeaderboardStore(remote.store, new MemoryLeaderboardStore(), ledger.feed, (listener) => (ready = listener));
	const { sequence, boards } = ledger.feed.snapshot();
	await store.replaceAll(boards, sequence);
	return { store, ready: () => ready() };
}

const scores = async (store: LeaderboardStore) => [...(await store.scores(KEY))].sort();

describe('boards when Redis fails', () => {
	it('the first read in an outage is not behind the ledger: rows another process committed since the last check are in it', async () => {
		const ledger = fakeLedger();
		ledger.add('7', 10);
		const remote = flakyRemote();
		const { store, ready } = await storeOnRedis(ledger, remote);
		// Another process approves and moves Redis; this one has not run its periodic check yet.
		ledger.add('8', 30);
		await remote.inner.advance(1, 2, ledger.feed.changes(1, 2));
		remote.down = true;
		expect(await scores(store)).toEqual([
			['7', 10],
			['8', 30]
		]);
		expect(store.usingRedis).toBe(false);
	});

	it('keeps answering from the local copy during an outage, which still follows the shared ledger; Redis is caught up when it returns', async () => {
		const ledger = fakeLedger();
		ledger.add('7', 10);
		const remote = flakyRemote();
		const { store, ready } = await storeOnRedis(ledger, remote);
		expect(store.usingRedis).toBe(true);

		remote.down = true;
		ledger.add('7', 5); // this process's approval
		ledger.add('8', 30); // another process's
		expect(await followLedger(ledger.feed, store, null)).toMatchObject({ at: 3, target: 3 });
		expect(store.usingRedis).toBe(false);
		expect(await scores(store)).toEqual([
			['7', 15],
			['8', 30]
		]);

		remote.down = false;
		const snapshotsBefore = ledger.snapshots();
		ready();
		await store.settled();
		expect(store.usingRedis).toBe(true);
		// Redis kept its boards and their sequence: it was caught up from there, not rebuilt.
		expect(ledger.snapshots()).toBe(snapshotsBefore);
		expect(await remote.inner.sequence()).toBe(3);
		expect(await scores(remote.inner)).toEqual([
			['7', 15],
			['8', 30]
		]);
	});

	it('rebuilds Redis on a reconnection that finds it empty (a restart), even when this process never saw it fail', async () => {
		const ledger = fakeLedger();
		ledger.add('7', 10);
		const remote = flakyRemote();
		const { store, ready } = await storeOnRedis(ledger, remote);
		let rechecked = 0;
		store.onResync = () => rechecked++;

		// Redis restarted without persistence while nobody read or wrote a board.
		await remote.inner.close();
		ready();
		await store.settled();
		expect(store.usingRedis).toBe(true);
		expect(await remote.inner.top(KEY, 5)).toMatchObject([{ subjectId: '7', score: 10 }]);
		expect(await remote.inner.sequence()).toBe(1);
		expect(rechecked).toBe(1);
	});

	it('an approval committed while Redis is being rebuilt is not lost: it is applied after the snapshot it missed', async () => {
		const ledger = fakeLedger();
		ledger.add('7', 10);
		const inner = new MemoryLeaderboardStore();
		let duringRebuild: () => Promise<void> = async () => {};
		// Redis takes a while to take the rebuilt boards; meanwhile this process approves something.
		const remote = new Proxy(inner, {
			get(target, prop, receiver) {
				if (prop !== 'replaceAll') return Reflect.get(target, prop, receiver);
				return async (boards: Boards, sequence: number) => {
					await duringRebuild();
					return target.replaceAll(boards, sequence);
				};
			}
		}) as LeaderboardStore;
		let ready: () => void = () => {};
		const store = new ResilientLeaderboardStore(remote, new MemoryLeaderboardStore(), ledger.feed, (listener) => (ready = listener));
		duringRebuild = async () => {
			duringRebuild = async () => {};
			ledger.add('8', 30);
			await followLedger(ledger.feed, store, null);
		};
		ready();
		await store.settled();
		expect(store.usingRedis).toBe(true);
		expect(await inner.sequence()).toBe(2);
		expect(await scores(inner)).toEqual([
			['7', 10],
			['8', 30]
		]);
		expect(await scores(store)).toEqual([
			['7', 10],
			['8', 30]
		]);
	});

	it('a Redis that failed a command without dropping the connection gets another chance at the next check', async () => {
		const ledger = fakeLedger();
		ledger.add('7', 10);
		const remote = flakyRemote();
		const { store, ready } = await storeOnRedis(ledger, remote);
		remote.down = true;
		ledger.add('7', 1);
		await followLedger(ledger.feed, store, null);
		expect(store.usingRedis).toBe(false);
		remote.down = false;
		// No 'ready' event comes: the periodic check asks where the boards stand, which tries Redis again.
		await store.sequence();
		await store.settled();
		expect(store.usingRedis).toBe(true);
		expect(await scores(remote.inner)).toEqual([['7', 11]]);
	});

	it('two processes following one shared Redis at once apply every row exactly once', async () => {
		const ledger = fakeLedger();
		const shared = new MemoryLeaderboardStore();
		const processes = [0, 1].map(
			() => new ResilientLeaderboardStore(flakyRemote(shared).store, new MemoryLeaderboardStore(), ledger.feed, () => {})
		);
		for (const store of processes) await store.replaceAll(new Map(), 0);
		for (let i = 1; i <= 200; i++) {
			ledger.add(String(i % 7), i);
			// Both catch up after every row, interleaved, as two survivors of a crash would.
			await Promise.all(processes.map((store) => followLedger(ledger.feed, store, null)));
		}
		const expected = ledger.feed.snapshot().boards.get(KEY)!;
		expect(await shared.scores(KEY)).toEqual(new Map([...expected].map(([id, v]) => [id, v.score])));
		expect(await shared.sequence()).toBe(200);
	});
});
