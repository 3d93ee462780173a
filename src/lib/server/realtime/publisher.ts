import type { Db } from '../db/client';
import type { LeaderboardStore } from '../scoring/store';
import { diffRows } from '../../realtime/board-sync';
import {
	ROOMS,
	TICK_MS,
	type BoardSnapshot,
	type FeedBadge,
	type FeedItem,
	type MyBadge,
	type ServerToClientEvents
} from '../../realtime/contract';
import { liveSnapshot } from './live-boards';
import type { LivePublisher, RealtimeServer } from './types';

/** Sockets per emit: about 12 µs each here, so a chunk blocks the event loop for ~12 ms at most. */
export const FAN_OUT_CHUNK = 1000;

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
	private timer: ReturnType<typeof setTimeout> | null = null;
	private running: Promise<void> | null = null;
	private lastTick = 0;
	private stopped = false;

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

	/** Someone here starts watching a board: remember its state so the first delta has a base. */
	async watch(key: string): Promise<void> {
		if (!this.sent.has(key)) this.sent.set(key, await liveSnapshot(this.source.db, this.source.boards, key));
	}

	/** Nobody here watches the board any more. */
	forget(key: string): void {
		this.sent.delete(key);
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
		const wait = Math.max(0, this.lastTick + this.tickMs - Date.now());
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
		const batch = this.dirty;
		this.dirty = new Map();
		for (const [key, changedAt] of batch) {
			const room = ROOMS.board(key);
			if (this.localRoomSize(room) === 0) {
				this.sent.delete(key);
				continue;
			}
			const next = await liveSnapshot(this.source.db, this.source.boards, key);
			const previous = this.sent.get(key) ?? null;
			// Nothing visible changed: keep the old base so clients' versions still line up.
			if (previous && previous.digest === next.digest) continue;
			const { rows, removed } = diffRows(previous?.rows ?? null, next.rows);
			this.sent.set(key, next);
			await this.fanOutLocal(room, 'board:delta', {
				key,
				base: previous?.version ?? -1,
				version: next.version,
				size: next.size,
				rows,
				removed,
				digest: next.digest,
				changedAt,
				sentAt: Date.now()
			});
		}
	}

	/** Emits to this process's sockets in a room, a chunk per event-loop turn when the room is large. */
	private async fanOutLocal<E extends keyof ServerToClientEvents>(
		room: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): Promise<void> {
		const members = this.io.of('/').adapter.rooms.get(room);
		if (!members || members.size === 0) return;
		if (members.size <= FAN_OUT_CHUNK) {
			this.io.local.to(room).emit(event, ...args);
			return;
		}
		const ids = [...members];
		for (let i = 0; i < ids.length; i += FAN_OUT_CHUNK) {
			this.io.local.to(ids.slice(i, i + FAN_OUT_CHUNK)).emit(event, ...args);
			await nextTurn();
		}
	}
}
