import type { Db } from '../db/client';
import type { LeaderboardStore } from '../scoring/store';
import { deltaBetween, encodeDelta } from '../../realtime/board-sync';
import {
	ROOMS,
	TICK_MS,
	type BoardCatchUp,
	type BoardSnapshot,
	type HeldBoard,
	type FeedBadge,
	type FeedItem,
	type MyBadge,
	type ServerToClientEvents
} from '../../realtime/contract';
import { eventFrame, writeFrame } from './frames';
import { liveSnapshot } from './live-boards';
import { changesBetween, storedPeriods } from '../scoring/projection';
import type { LivePublisher, RealtimeServer } from './types';

/**
 * A large room's fan-out yields to the event loop once it has run this long, so approvals and pages are answered
 * between its slices. By elapsed time, not by a count of sockets: what a socket costs varies several-fold with
 * the machine's load (12-33 µs here).
 */
const FAN_OUT_SLICE_MS = 8;
/** Sockets written between two looks at the clock. */
const FAN_OUT_BATCH = 100;
/**
 * Versions each process keeps of a watched board, newest last: a phone back from a drop gets a delta from the one it
 * holds. 64 ticks: at least 16 s of non-stop approvals, usually minutes.
 */
const KEPT_VERSIONS = 64;
/** A board nobody here watches any more is kept this long: a crowd whose sockets all dropped at once comes back to it. */
const KEEP_UNWATCHED_MS = 120_000;

/** Beyond this many ledger rows between two checks, every watched board is checked again rather than the rows read. */
const RECHECK_ROWS_MOST = 5_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Turns committed changes into pushes. Board changes are coalesced into ticks (one delta per board per
 * TICK_MS), computed against what this process last sent for that board. With several processes each one
 * hears about changes (through the Redis adapter) and fans out to its own sockets only, in chunks, so no
 * process ever encodes or writes to thousands of sockets in one go.
 */
export class SocketPublisher implements LivePublisher {
	private dirty = new Map<string, number>();
	private sent = new Map<string, BoardSnapshot>();
	/** Boards sent before the current one, per key (at most KEPT_VERSIONS). */
	private earlier = new Map<string, BoardSnapshot[]>();
	/** Boards whose room emptied here, since when: not followed meanwhile, read again when someone comes back. */
	private unwatched = new Map<string, number>();
	/** A board being read for its first (or returning) watcher: the crowd behind them waits for the same read. */
	private reading = new Map<string, Promise<void>>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private running: Promise<void> | null = null;
	private lastTick = 0;
	/** How long the last tick kept the process busy (its fan-out, mostly), not counting the turns it yielded. */
	private lastTickBusyMs = 0;
	private stopped = false;
	/** The ledger's sequence at the last periodic look, and up to where its rows' boards were last checked again. */
	private ledgerSeen: number | null = null;
	private checkedUpTo: number | null = null;

	constructor(
		private readonly io: RealtimeServer,
		private readonly source: { db: Db; boards: LeaderboardStore },
		/** Whether other processes share this one's boards (Redis): then changes are announced to them. */
		private readonly shared: boolean,
		private readonly tickMs = TICK_MS
	) {}

	/** After a commit: these boards have new totals. */
	boardsChanged(keys: string[], changedAt = Date.now()): void {
		if (keys.length === 0) return;
		if (this.shared) this.io.serverSideEmit('boards:dirty', keys, changedAt);
		this.markDirty(keys, changedAt);
	}

	/** Changes this process learnt about (its own or another's): sent on the next tick. */
	markDirty(keys: string[], changedAt: number): void {
		for (const key of keys) {
			const earliest = this.dirty.get(key);
			if (earliest === undefined || changedAt < earliest) this.dirty.set(key, changedAt);
		}
		this.schedule();
	}

	/**
	 * Boards may have moved without a signal (Redis came back and was rebuilt): re-check every board someone
	 * watches, here and in the other processes, whose watchers may have been told of a change (and found
	 * nothing) before the rebuild that carried it.
	 */
	recheckWatched(announce = true): void {
		if (announce && this.shared) this.io.serverSideEmit('boards:recheck');
		this.markDirty([...this.sent.keys()], Date.now());
	}

	boardsRebuilt(): void {
		this.recheckWatched();
	}

	/**
	 * The periodic look at the ledger, with shared boards. Another process's announcement of the boards it moved
	 * travels at most once: lost in a Redis blip, those boards would stay stale here until they moved again. Once the
	 * ledger has stood still for a look, the watched boards moved by its rows since the last such check are checked
	 * again (those already sent send nothing).
	 */
	ledgerAt(sequence: number): void {
		if (!this.shared) return;
		const still = sequence === this.ledgerSeen;
		this.ledgerSeen = sequence;
		if (this.checkedUpTo === null || sequence < this.checkedUpTo) this.checkedUpTo = sequence;
		if (!still || sequence === this.checkedUpTo) return;
		const from = this.checkedUpTo;
		this.checkedUpTo = sequence;
		if (sequence - from > RECHECK_ROWS_MOST) {
			this.recheckWatched(false);
			return;
		}
		const moved = new Set(changesBetween(this.source.db, from, sequence, storedPeriods(this.source.db)).map((c) => c.key));
		const watched = [...this.sent.keys()].filter((key) => moved.has(key));
		if (watched.length > 0) this.markDirty(watched, Date.now());
	}

	/** Someone here starts watching a board: remember its state so the first delta has a base. */
	async watch(key: string): Promise<void> {
		if (this.sent.has(key) && !this.unwatched.has(key)) return;
		let reading = this.reading.get(key);
		if (!reading) {
			reading = liveSnapshot(this.source.db, this.source.boards, key)
				.then((next) => {
					this.unwatched.delete(key);
					const kept = this.sent.get(key);
					if (!kept || kept.version !== next.version || kept.digest !== next.digest) this.remember(key, next);
				})
				.finally(() => this.reading.delete(key));
			this.reading.set(key, reading);
		}
		await reading;
	}

	/**
	 * What a socket that just joined a board's room lacks of the board this process's watchers hold (call after
	 * `watch`). From memory only: a crowd rejoining after a drop costs neither a query nor an HTTP request.
	 */
	catchUp(key: string, held: HeldBoard | null): BoardCatchUp | undefined {
		const current = this.sent.get(key);
		if (!current) return undefined;
		// Newer (a page read between two ticks): the next delta covers it.
		if (held && held.version > current.version) return undefined;
		if (held?.version === current.version && held.digest === current.digest) return undefined;
		// The same rows read at an older sequence (the ledger moved elsewhere): only the version moves, so that the
		// next delta, based on this board, lines up.
		const from =
			held?.digest === current.digest
				? { ...current, version: held.version }
				: held && this.earlier.get(key)?.find((b) => b.version === held.version && b.digest === held.digest);
		return from ? { kind: 'delta', delta: deltaBetween(from, current, Date.now()) } : { kind: 'snapshot', board: current };
	}

	/** Nobody here watches the board any more (its room emptied). */
	unwatch(key: string): void {
		this.unwatched.set(key, Date.now());
		this.dropUnwatched();
	}

	private dropUnwatched(now = Date.now()): void {
		for (const [key, since] of this.unwatched) {
			if (now - since < KEEP_UNWATCHED_MS) continue;
			this.unwatched.delete(key);
			this.sent.delete(key);
			this.earlier.delete(key);
		}
	}

	private remember(key: string, next: BoardSnapshot): void {
		const previous = this.sent.get(key);
		if (previous) {
			const kept = this.earlier.get(key) ?? [];
			kept.push(previous);
			if (kept.length > KEPT_VERSIONS) kept.shift();
			this.earlier.set(key, kept);
		}
		this.sent.set(key, next);
	}

	feed(item: FeedItem | FeedBadge): void {
		if (this.shared) this.io.serverSideEmit('feed:item', item);
		void this.fanOutLocal(ROOMS.feed, 'feed:item', item);
	}

	/** Relays an item another process announced. */
	feedFromPeer(item: FeedItem | FeedBadge): void {
		void this.fanOutLocal(ROOMS.feed, 'feed:item', item);
	}

	unitsChanged(unitIds: number[]): void {
		if (unitIds.length > 0) this.io.to(unitIds.map(ROOMS.unit)).emit('unit:changed', { unitIds, at: Date.now() });
	}

	/** A session ended (logout): its sockets go now, in every process, instead of at the next re-check. */
	sessionEnded(sessionId: string): void {
		this.io.in(ROOMS.session(sessionId)).disconnectSockets(true);
	}

	badgeEarned(personId: number, badge: MyBadge): void {
		this.io.to(ROOMS.person(personId)).emit('me:badge', badge);
	}

	noticed(personIds: number[]): void {
		if (personIds.length > 0) this.io.to(personIds.map(ROOMS.person)).emit('me:notice', { at: Date.now() });
	}

	/** Resolves when every pending tick has been sent (tests and shutdown). */
	async settled(): Promise<void> {
		while (this.timer || this.running) await (this.running ?? new Promise((r) => setTimeout(r, this.tickMs)));
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private schedule(): void {
		if (this.stopped || this.timer || this.running || this.dirty.size === 0) return;
		// A tick busy for more than half the window (a fan-out to 10,000 sockets here) spaces the next one out to twice
		// its busy time: pushes then take at most half of the process, and approvals and pages keep the other half
		// instead of queueing behind them. Busy time, not elapsed: the turns a fan-out yields go to that other half.
		const due = this.lastTick + Math.max(this.tickMs, 2 * this.lastTickBusyMs);
		const wait = Math.max(0, due - Date.now());
		this.timer = setTimeout(() => {
			this.timer = null;
			this.running = this.tick()
				.catch((err) => console.error('[live] tick failed', err))
				.finally(() => {
					this.running = null;
					this.schedule();
				});
		}, wait);
	}

	private localRoomSize(room: string): number {
		return this.io.of('/').adapter.rooms.get(room)?.size ?? 0;
	}

	private async tick(): Promise<void> {
		this.lastTick = Date.now();
		let yieldedMs = 0;
		try {
			this.dropUnwatched(this.lastTick);
			const batch = this.dirty;
			this.dirty = new Map();
			for (const [key, changedAt] of batch) {
				const room = ROOMS.board(key);
				// Nobody here to tell: the board is read again when someone comes back (watch).
				if (this.localRoomSize(room) === 0) {
					if (!this.unwatched.has(key)) this.unwatched.set(key, this.lastTick);
					continue;
				}
				const next = await liveSnapshot(this.source.db, this.source.boards, key);
				const previous = this.sent.get(key) ?? null;
				// Nothing visible changed: keep the old base so clients' versions still line up.
				if (previous && previous.digest === next.digest) continue;
				this.remember(key, next);
				yieldedMs += await this.fanOutLocal(room, 'board:delta', encodeDelta(deltaBetween(previous, next, changedAt)));
			}
		} finally {
			this.lastTickBusyMs = Date.now() - this.lastTick - yieldedMs;
		}
	}

	/**
	 * Sends to this process's sockets in a room, yielding to the event loop every FAN_OUT_SLICE_MS. The event is
	 * framed once and written to each WebSocket directly (`writeFrame`); a socket that cannot take it that way
	 * (long-polling, packets already queued) is emitted to as usual. Resolves to the time it spent yielded.
	 */
	private async fanOutLocal<E extends keyof ServerToClientEvents>(
		room: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): Promise<number> {
		const namespace = this.io.of('/');
		const members = namespace.adapter.rooms.get(room);
		if (!members || members.size === 0) return 0;
		const frame = eventFrame(event, args);
		const ids = [...members];
		let sliceStart = performance.now();
		let yieldedMs = 0;
		for (let i = 0; i < ids.length; i++) {
			const socket = namespace.sockets.get(ids[i]!);
			if (socket && !writeFrame(socket, frame)) socket.emit(event, ...args);
			if (i % FAN_OUT_BATCH === FAN_OUT_BATCH - 1 && performance.now() - sliceStart >= FAN_OUT_SLICE_MS) {
				const yielded = performance.now();
				await nextTurn();
				sliceStart = performance.now();
				yieldedMs += sliceStart - yielded;
			}
		}
		return yieldedMs;
	}
}
