import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../realtime/contract';
import { ROOMS, SOCKET_PATH } from '../../realtime/contract';
import type { Runtime, RealtimeStatus, RedisState } from '../runtime';
import { validateSessionToken } from '../auth/sessions';
import { sessionCookieName } from '../auth/cookie';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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

/** Attaches socket.io to an HTTP server (production entry or Vite's dev server) and registers it on the runtime. */
export function attachRealtime(httpServer: HttpServer, runtime: Runtime): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, {
		path: SOCKET_PATH,
		serveClient: false,
		maxHttpBufferSize: 16 * 1024,
		perMessageDeflate: false,
		allowRequest: (req, callback) => callback(null, originAllowed(req, runtime))
	});
	const redis = runtime.config.redisUrl ? connectRedis(runtime, io) : null;

	io.use((socket, next) => {
		const cookies = socket.request.headers.cookie;
		const token = readCookie(cookies, sessionCookieName(true)) ?? readCookie(cookies, sessionCookieName(false));
		const check = token ? validateSessionToken(runtime.db, token, Date.now()) : null;
		socket.data.personId = check?.session.personId ?? null;
		socket.data.sessionId = check?.session.id ?? null;
		next();
	});

	io.on('connection', (socket) => {
		void socket.join(ROOMS.public);
		if (socket.data.personId !== null) void socket.join(ROOMS.person(socket.data.personId));
		if (socket.data.sessionId !== null) void socket.join(ROOMS.session(socket.data.sessionId));
		socket.emit('app:hello', { version: runtime.config.version, signedIn: socket.data.personId !== null });
	});

	let closing: Promise<void> | null = null;
	const status: RealtimeStatus = {
		connectedSockets: () => io.engine.clientsCount,
		redisState: () => (redis ? redis.state() : 'off'),
		close: () =>
			(closing ??= (async () => {
				io.disconnectSockets(true);
				await new Promise<void>((resolve) => io.close(() => resolve()));
				await redis?.close();
			})())
	};
	runtime.realtime = status;
	return io;
}
