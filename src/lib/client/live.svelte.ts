import type { Socket } from 'socket.io-client';
import { afterLoad } from './after-load';
import { adoptSnapshot, applyCatchUp, applyDelta, decodeDelta, type DeltaOutcome } from '../realtime/board-sync';
import {
	boardEtag,
	POLL_SECONDS,
	RECONNECT,
	SOCKET_PATH,
	type BoardCatchUp,
	type BoardSnapshot,
	type ClientToServerEvents,
	type HeldBoard,
	type ServerToClientEvents
} from '../realtime/contract';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AnyListener = (...args: never[]) => void;
export type LinkState = 'connecting' | 'live' | 'offline';

/** Who watches a room: what it holds (boards), and what to do once (re)joined with what it missed. */
interface Watcher {
	held: () => HeldBoard | null;
	joined: (catchUp: BoardCatchUp | undefined) => void;
}

/**
 * One socket per tab, opened by the first component that needs it. Rooms are re-joined after every
 * reconnect and their owners told, because pushes missed while away are gone: a board's join answer brings
 * what it missed. socket.io's client (a fifth of a page's script) is fetched once the page has loaded: the
 * page is current when served.
 */
class LiveLink {
	state = $state<LinkState>('connecting');
	private socket: LiveSocket | null = null;
	private opening = false;
	private rooms = new Map<string, Set<Watcher>>();
	private listeners = new Map<string, Set<AnyListener>>();

	private open(): void {
		if (this.opening) return;
		this.opening = true;
		const start = async () => {
			const { io } = await import('socket.io-client');
			// Long-polling first, then WebSocket — still live where a proxy blocks WebSockets; WebSocket only where the
			// server runs several workers (server/cluster/worker.ts).
			const websocketOnly = document.documentElement.dataset.liveTransport === 'websocket';
			const socket: LiveSocket = io({ path: SOCKET_PATH, ...RECONNECT, ...(websocketOnly ? { transports: ['websocket'] } : {}) });
			socket.on('connect', () => {
				this.state = 'live';
				for (const [room, watchers] of this.rooms) for (const watcher of watchers) this.emitJoin(room, watcher);
			});
			socket.on('disconnect', (reason) => {
				this.state = 'offline';
				// The server let go of this socket (the session ended, or every socket at a shutdown): come back as
				// whoever the cookies now say, spread like the back-off's first attempt.
				if (reason === 'io server disconnect') setTimeout(() => socket.connect(), Math.random() * 2 * RECONNECT.reconnectionDelay);
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

	private emitJoin(room: string, watcher: Watcher): void {
		this.socket?.emit('room:join', room, watcher.held(), (answer) => {
			if (answer.ok) watcher.joined(answer.catchUp);
		});
	}

	/**
	 * Watches a room; `joined` runs after each (re)join, with what a board's watcher missed of the board `held`
	 * says it holds. Returns the way to stop watching.
	 */
	join(room: string, joined: Watcher['joined'], held: Watcher['held'] = () => null): () => void {
		this.open();
		const watcher: Watcher = { held, joined };
		let watchers = this.rooms.get(room);
		if (!watchers) this.rooms.set(room, (watchers = new Set()));
		watchers.add(watcher);
		if (this.socket?.connected) this.emitJoin(room, watcher);
		return () => {
			watchers.delete(watcher);
			if (watchers.size === 0) {
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
	private fetching: Promise<void> | null = null;

	constructor(
		initial: BoardSnapshot,
		private readonly changed: (before: BoardSnapshot, after: BoardSnapshot) => void = () => {},
		/** When the server read `initial` (a page kept on the phone may be hours old). */
		readAt = Date.now()
	) {
		this.board = initial;
		this.checkedAt = readAt;
	}

	get freshness(): BoardFreshness {
		if (!this.online) return 'stale';
		if (live.state === 'live') return 'live';
		if (live.state === 'connecting') return 'connecting';
		return this.pollOk ? 'polling' : 'stale';
	}

	start(): () => void {
		const key = this.board.key;
		const leave = live.join(
			`board:${key}`,
			(catchUp) => this.follow(applyCatchUp(this.board, catchUp)),
			() => ({ version: this.board.version, digest: this.board.digest })
		);
		const off = live.on('board:delta', (wire) => {
			if (wire[0] === key) this.follow(applyDelta(this.board, decodeDelta(wire)));
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

	/** What the socket brought: the board moves on, or a snapshot is fetched when it did not line up. */
	private follow(outcome: DeltaOutcome): void {
		if (outcome.kind === 'resync') return void this.refresh();
		if (outcome.kind === 'applied') this.replace(outcome.board);
		this.checkedAt = Date.now();
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
					// The board held is what the server's ETag names: while nothing moved, a poll costs a 304.
					headers: { 'if-none-match': boardEtag(this.board) }
				});
				if (response.status === 304) {
					this.pollOk = true;
					this.checkedAt = Date.now();
					return;
				}
				if (!response.ok) throw new Error(String(response.status));
				const outcome = adoptSnapshot(this.board, (await response.json()) as BoardSnapshot);
				if (outcome.kind === 'applied') this.replace(outcome.board);
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
