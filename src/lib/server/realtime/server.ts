import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createClusterAdapter } from '@socket.io/cluster-adapter';
import { Redis } from 'ioredis';
import { type HeldBoard, type JoinAnswer, type SocketData, MAX_JOINED_ROOMS, ROOMS, SOCKET_PATH } from '../../realtime/contract';
import type { RealtimeServer, RealtimeStatus, RedisState, Runtime } from './types';
import { validateSessionToken } from '../auth/sessions';
import { sessionCookieName } from '../auth/session-cookie';
import { SocketPublisher } from './publisher';
import { isWatchableBoard } from './live-boards';
import { getUnit } from '../units/queries';
import { loadActor } from '../auth/actor';
import { isWithin } from '../../domain/units/tree';
import type { Db } from '../db/client';
import { syncBoards } from '../scoring/projection';
import { isClusterWorker } from '../cluster/worker';
import { t } from '../../i18n';
import { BASELINE_CSP, securityHeaderList } from '../security-headers';

/** Sessions ended anywhere (logout, password change, disabled account) lose their sockets within this. */
const SESSION_RECHECK_MS = 15_000;
/** Events one socket may send per window: joining a handful of rooms is all a page does. */
const EVENTS_PER_WINDOW = 40;
const EVENT_WINDOW_MS = 10_000;

/** Which rooms a socket may join on request. Person rooms are joined at the handshake and only for oneself. */
export function mayJoin(runtime: Runtime, data: SocketData, room: string): JoinAnswer {
	if (room === ROOMS.feed) return { ok: true };
	if (room.startsWith('board:'))
		return isWatchableBoard(runtime.db, room.slice('board:'.length)) ? { ok: true } : { ok: false, error: t('live.unknownBoard') };
	const unit = /^unit:([1-9]\d{0,9})$/.exec(room);
	if (unit) {
		// Unit rooms say when work in a unit moved: for the people who work there or above it, not for anyone.
		if (data.personId === null) return { ok: false, error: t('live.roomRefused') };
		const found = getUnit(runtime.db, Number(unit[1]));
		if (!found) return { ok: false, error: t('live.unknownBoard') };
		return mayWatchUnit(runtime.db, data.personId, found) ? { ok: true } : { ok: false, error: t('live.roomRefused') };
	}
	if (room === ROOMS.person(data.personId ?? -1)) return { ok: true };
	return { ok: false, error: t('live.roomRefused') };
}

/**
 * A unit's room is for the people whose roles cover it (their own unit, or a unit above it) and for those
 * with work there: a current membership, a team of the unit, an initiative they wrote or took part in
 * (the units "my page" watches).
 */
function mayWatchUnit(db: Db, personId: number, unit: { id: number; path: string }): boolean {
	const actor = loadActor(db, personId)?.actor;
	if (!actor) return false;
	// A council seat is about the root's own work: it opens the root's room, not every room below it.
	if (actor.grants.some((g) => (g.role === 'council_member' ? g.unitPath === unit.path : isWithin(unit.path, g.unitPath)))) return true;
	return (
		db.$client
			.prepare(
				`select exists (select 1 from memberships where person_id = :person and unit_id = :unit and left_on is null)
				     or exists (select 1 from team_members m join teams t on t.id = m.team_id where m.person_id = :person and m.left_at is null and t.unit_id = :unit)
				     or exists (select 1 from initiatives where unit_id = :unit and author_id = :person)
				     or exists (select 1 from initiative_participants p join initiatives i on i.id = p.initiative_id where p.person_id = :person and i.unit_id = :unit)`
			)
			.pluck()
			.get({ person: personId, unit: unit.id }) === 1
	);
}

/** A client's word for the board it holds: anything else counts as holding none. */
function heldBoard(held: unknown): HeldBoard | null {
	if (typeof held !== 'object' || held === null) return null;
	const { version, digest } = held as Record<string, unknown>;
	return Number.isSafeInteger(version) && typeof digest === 'string' && digest.length <= 16 ? { version: version as number, digest } : null;
}

function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return null;
}

/**
 * socket.io's `cors` option does not apply to WebSocket upgrades, so a page on another site could open a
 * socket with the member's cookie (cross-site WebSocket hijacking). Browsers always send Origin on
 * WebSockets; we accept only our own.
 */
export function originAllowed(req: IncomingMessage, runtime: Runtime): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	const host = req.headers.host;
	const own = runtime.config.origin ? [runtime.config.origin] : host ? [`http://${host}`, `https://${host}`] : [];
	return [...own, ...runtime.config.extraSocketOrigins].includes(origin);
}

/**
 * The adapter publishes without awaiting, so a publish during an outage would be an unhandled rejection
 * and crash the process. Broadcasts are at-most-once anyway (clients refetch a snapshot on reconnect):
 * a publish that fails is dropped, never queued.
 */
function dropFailedCalls(client: Redis, methods: Array<'publish' | 'psubscribe' | 'subscribe'>): void {
	for (const method of methods) {
		const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
		(client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
			const result = original(...args);
			result.catch(() => {});
			return result;
		};
	}
}

function connectRedis(runtime: Runtime, io: RealtimeServer): { state: () => RedisState; close: () => Promise<void> } {
	const url = runtime.config.redisUrl!;
	let lastLogged: string | null = null;
	const retryStrategy = (attempt: number) => Math.min(attempt * 250, 2000);
	const pub = new Redis(url, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
	// Subscriptions wait for the connection and are renewed by ioredis after every reconnect.
	const sub = new Redis(url, { retryStrategy, maxRetriesPerRequest: null });
	dropFailedCalls(pub, ['publish']);
	dropFailedCalls(sub, ['psubscribe', 'subscribe']);
	for (const client of [pub, sub]) {
		// Without an error listener ioredis would crash the process on the first outage.
		client.on('error', (err: Error) => {
			if (lastLogged !== err.message) console.error(`[realtime] Redis unavailable: ${err.message}`);
			lastLogged = err.message;
		});
		client.on('ready', () => {
			if (lastLogged !== null) console.info('[realtime] Redis connection restored');
			lastLogged = null;
		});
	}
	io.adapter(createAdapter(pub, sub, { key: `${runtime.config.redisPrefix}:socket.io` }));
	return {
		state: () => (pub.status === 'ready' && sub.status === 'ready' ? 'ok' : 'down'),
		close: async () => {
			// QUIT would wait forever for a Redis that is down; only say goodbye to one that listens.
			await Promise.allSettled([pub, sub].filter((c) => c.status === 'ready').map((c) => c.quit()));
			pub.disconnect();
			sub.disconnect();
		}
	};
}

function disconnectEndedSessions(io: RealtimeServer, runtime: Runtime): void {
	const alive = runtime.db.$client.prepare('select 1 from sessions where id = ? and expires_at > ?');
	const now = Date.now();
	for (const socket of io.of('/').sockets.values()) {
		if (socket.data.sessionId !== null && !alive.get(socket.data.sessionId, now)) socket.disconnect(true);
	}
}

/** Attaches socket.io to an HTTP server (production entry or Vite's dev server) and registers it on the runtime. */
export function attachRealtime(httpServer: HttpServer, runtime: Runtime): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, {
		path: SOCKET_PATH,
		serveClient: false,
		maxHttpBufferSize: 16 * 1024,
		perMessageDeflate: false,
		transports: isClusterWorker ? ['websocket'] : ['polling', 'websocket'],
		allowRequest: (req, callback) => callback(null, originAllowed(req, runtime))
	});
	const redis = runtime.config.redisUrl ? connectRedis(runtime, io) : null;
	// A worker of the cluster (WORKERS > 1): without Redis its siblings' broadcasts come through the primary.
	if (isClusterWorker && !redis) io.adapter(createClusterAdapter());
	// Long-polling answers come from engine.io, not SvelteKit: the same security headers as every other answer.
	const headers = [
		...securityHeaderList(runtime.config.origin?.startsWith('https:') ?? false),
		['content-security-policy', BASELINE_CSP]
	] as const;
	const addHeaders = (sent: Record<string, string>) => {
		for (const [name, value] of headers) sent[name] = value;
	};
	io.engine.on('initial_headers', addHeaders);
	io.engine.on('headers', addHeaders);

	io.use((socket, next) => {
		const cookies = socket.request.headers.cookie;
		const token = readCookie(cookies, sessionCookieName(true)) ?? readCookie(cookies, sessionCookieName(false));
		const check = token ? validateSessionToken(runtime.db, token, Date.now()) : null;
		socket.data.personId = check?.session.personId ?? null;
		socket.data.sessionId = check?.session.id ?? null;
		next();
	});

	const live = new SocketPublisher(io, runtime, redis !== null || isClusterWorker);
	runtime.live = live;
	runtime.whenBoardsResynced(() => live.recheckWatched());
	io.on('boards:dirty', (keys, changedAt) => {
		// Another process committed. Boards of this process's own (no Redis) read its rows from the ledger first.
		const caughtUp = redis ? Promise.resolve() : syncBoards(runtime.db, runtime.boards).then(() => undefined);
		void caughtUp.catch(() => undefined).then(() => live.markDirty(keys, changedAt));
	});
	io.on('boards:recheck', () => live.recheckWatched(false));
	io.on('feed:item', (item) => live.feedFromPeer(item));
	io.of('/').adapter.on('delete-room', (room: string) => {
		if (room.startsWith('board:')) live.unwatch(room.slice('board:'.length));
	});

	const recheck = setInterval(() => disconnectEndedSessions(io, runtime), SESSION_RECHECK_MS);
	recheck.unref();

	io.on('connection', (socket) => {
		let windowStart = Date.now();
		let events = 0;
		// A flood of joins would cost a query each: past the budget the socket is dropped.
		socket.use((_packet, next) => {
			const now = Date.now();
			if (now - windowStart > EVENT_WINDOW_MS) {
				windowStart = now;
				events = 0;
			}
			if (++events > EVENTS_PER_WINDOW) {
				socket.disconnect(true);
				return;
			}
			next();
		});
		void socket.join(ROOMS.public);
		if (socket.data.personId !== null) void socket.join(ROOMS.person(socket.data.personId));
		if (socket.data.sessionId !== null) void socket.join(ROOMS.session(socket.data.sessionId));
		socket.emit('app:hello', { version: runtime.config.version, signedIn: socket.data.personId !== null });

		socket.on('room:join', async (room, ...rest) => {
			// A page loaded before this version asks (room, answer): it holds no board we could name.
			const [held, answer] = typeof rest[0] === 'function' ? [null, rest[0]] : rest;
			if (typeof answer !== 'function') return;
			if (typeof room !== 'string' || room.length > 100) return answer({ ok: false, error: t('live.roomRefused') });
			if (!socket.rooms.has(room)) {
				// Its own id room, public, person and session rooms do not count.
				const joined = socket.rooms.size - 2 - (socket.data.personId === null ? 0 : 1) - (socket.data.sessionId === null ? 0 : 1);
				if (joined >= MAX_JOINED_ROOMS) return answer({ ok: false, error: t('live.tooManyRooms') });
				const verdict = mayJoin(runtime, socket.data, room);
				if (!verdict.ok) return answer(verdict);
				await socket.join(room);
			}
			if (!room.startsWith('board:')) return answer({ ok: true });
			const key = room.slice('board:'.length);
			const watched = await live.watch(key).then(
				() => true,
				() => false
			);
			answer({ ok: true, catchUp: watched ? live.catchUp(key, heldBoard(held)) : undefined });
		});
		socket.on('room:leave', (room) => {
			if (typeof room === 'string' && (room === ROOMS.feed || room.startsWith('board:') || room.startsWith('unit:')))
				void socket.leave(room);
		});
	});

	let closing: Promise<void> | null = null;
	const status: RealtimeStatus = {
		connectedSockets: () => io.engine.clientsCount,
		redisState: () => (redis ? redis.state() : 'off'),
		close: () =>
			(closing ??= (async () => {
				clearInterval(recheck);
				live.stop();
				io.disconnectSockets(true);
				await new Promise<void>((resolve) => io.close(() => resolve()));
				await redis?.close();
			})())
	};
	runtime.realtime = status;
	return io;
}
