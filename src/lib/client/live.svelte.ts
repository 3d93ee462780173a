import type { Socket } from 'socket.io-client';
import { afterLoad } from './after-load';
import { applyDelta } from '../realtime/board-sync';
import {
	boardEtag,
	POLL_SECONDS,
	SOCKET_PATH,
	type BoardSnapshot,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../realtime/contract';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AnyListener = (...args: never[]) => void;
export type LinkState = 'connecting' | 'live' | 'offline';

/**
 * One socket per tab, opened by the first component that needs it. Rooms are re-joined after every
 * reconnect and their owners told, because pushes missed while away are gone: they fetch a snapshot.
 * socket.io's client (a fifth of a page's script) is fetched once the page has loaded: the page is current
 * when served.
 */
class LiveLink {
	state = $state<LinkState>('connecting');
	private socket: LiveSocket | null = null;
	private opening = false;
	private rooms = new Map<string, Set<() => void>>();
	private listeners = new Map<string, Set<AnyListener>>();

	private open(): void {
		if (this.opening) return;
		this.opening = true;
		const start = async () => {
			const { io } = await import('socket.io-client');
			// Default transports: long-polling first, then WebSocket — still live where a proxy blocks WebSockets.
			const socket: LiveSocket = io({ path: SOCKET_PATH, reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.5 });
			socket.on('connect', () => {
				this.state = 'live';
				for (const [room, joined] of this.rooms) this.emitJoin(room, joined);
			});
			socket.on('disconnect', (reason) => {
				this.state = 'offline';
				// The server let go of this socket (the session ended): come back as whoever the cookies now say.
				if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
			});
			socket.on('connect_error', () => (this.state = 'offline'));
			for (const [event, listeners] of this.listeners) for (const listener of listeners) this.listen(socket, event, listener);
			this.socket = socket;
		};
		afterLoad(() => void start().catch(() => (this.state = 'offline')));
	}

	private listen(socket: LiveSocket, event: string, listener: AnyListener): void {
		// socket.io-client's typed overloads do not narrow through a generic key.
		(socket.on as (e: string, l: unknown) => void)(event, listener);
	}

	private emitJoin(room: string, joined: Set<() => void>): void {
		this.socket?.emit('room:join', room, (answer) => {
			if (answer.ok) for (const callback of joined) callback();
		});
	}

	/** Watches a room; `joined` runs after each (re)join. Returns the way to stop watching. */
	join(room: string, joined: () => void): () => void {
		this.open();
		let callbacks = this.rooms.get(room);
		if (!callbacks) this.rooms.set(room, (callbacks = new Set()));
		callbacks.add(joined);
		if (this.socket?.connected) this.emitJoin(room, new Set([joined]));
		return () => {
			callbacks.delete(joined);
			if (callbacks.size === 0) {
				this.rooms.delete(room);
				if (this.socket?.connected) this.socket.emit('room:leave', room);
			}
		};
	}

	/** Listens to a server event (the socket opens if it was not). */
	on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): () => void {
		this.open();
		let listeners = this.listeners.get(event);
		if (!listeners) this.listeners.set(event, (listeners = new Set()));
		listeners.add(listener);
		if (this.socket) this.listen(this.socket, event, listener);
		return () => {
			listeners.delete(listener);
			if (this.socket) (this.socket.off as (e: string, l: unknown) => void)(event, listener);
		};
	}
}

export const live = new LiveLink();

/** Calls `run` at most once per `ms`, trailing: the last call always gets its turn. */
export function throttle(run: () => void, ms: number): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let last = 0;
	return () => {
		if (timer) return;
		timer = setTimeout(
			() => {
				timer = null;
				last = Date.now();
				run();
			},
			Math.max(0, last + ms - Date.now())
		);
	};
}

export type BoardFreshness = 'connecting' | 'live' | 'polling' | 'stale';

/**
 * A board kept current: deltas applied in order while the socket is up, a snapshot fetched after a gap or
 * a reconnect, and HTTP polling (with ETag) while the socket is down. It never calls itself live unless the
 * socket is connected and the board it holds followed from the server's.
 */
export class LiveBoard {
	board = $state<BoardSnapshot>() as BoardSnapshot;
	checkedAt: number = $state(0);
	private pollOk = $state(true);
	/** The phone's own idea of its signal: without it nothing here is current, whatever the socket says. */
	private online = $state(typeof navigator === 'undefined' || navigator.onLine);
	private etag: string | null = null;
	private fetching: Promise<void> | null = null;

	constructor(
		initial: BoardSnapshot,
		private readonly changed: (before: BoardSnapshot, after: BoardSnapshot) => void = () => {},
		/** When the server read `initial` (a page kept on the phone may be hours old). */
		readAt = Date.now()
	) {
		this.board = initial;
		this.checkedAt = readAt;
		// The first revalidation (on joining the board's room) then costs a 304, not the board again and a redraw.
		this.etag = boardEtag(initial);
	}

	get freshness(): BoardFreshness {
		if (!this.online) return 'stale';
		if (live.state === 'live') return 'live';
		if (live.state === 'connecting') return 'connecting';
		return this.pollOk ? 'polling' : 'stale';
	}

	start(): () => void {
		const key = this.board.key;
		const leave = live.join(`board:${key}`, () => void this.refresh());
		const off = live.on('board:delta', (delta) => {
			if (delta.key !== key) return;
			const outcome = applyDelta(this.board, delta);
			if (outcome.kind === 'applied') this.replace(outcome.board);
			else if (outcome.kind === 'resync') void this.refresh();
			if (outcome.kind !== 'resync') this.checkedAt = Date.now();
		});
		const poll = setInterval(() => {
			if (live.state !== 'live') void this.refresh();
		}, POLL_SECONDS * 1000);
		const signal = () => {
			this.online = navigator.onLine;
			if (this.online) void this.refresh();
		};
		window.addEventListener('online', signal);
		window.addEventListener('offline', signal);
		return () => {
			leave();
			off();
			clearInterval(poll);
			window.removeEventListener('online', signal);
			window.removeEventListener('offline', signal);
		};
	}

	private replace(next: BoardSnapshot): void {
		const before = this.board;
		this.board = next;
		if (before.digest !== next.digest) this.changed(before, next);
	}

	refresh(): Promise<void> {
		this.fetching ??= (async () => {
			try {
				const response = await fetch(`/api/bang-xep-hang?bang=${encodeURIComponent(this.board.key)}`, {
					headers: this.etag ? { 'if-none-match': this.etag } : {}
				});
				if (response.status === 304) {
					this.pollOk = true;
					this.checkedAt = Date.now();
					return;
				}
				if (!response.ok) throw new Error(String(response.status));
				this.etag = response.headers.get('etag');
				const snapshot = (await response.json()) as BoardSnapshot;
				// A delta applied while this was in flight (or a snapshot read by a server that is behind) may be
				// newer: the board only moves forward.
				if (snapshot.version > this.board.version || (snapshot.version === this.board.version && snapshot.digest !== this.board.digest))
					this.replace(snapshot);
				this.pollOk = true;
				this.checkedAt = Date.now();
			} catch {
				this.pollOk = false;
			} finally {
				this.fetching = null;
			}
		})();
		return this.fetching;
	}
}
