/**
 * Production entry: one HTTP server carrying SvelteKit's adapter-node handler and socket.io — in this process, or
 * with WORKERS > 1 in each of the cluster's workers behind its primary. Runs bundled as build/server.js
 * (`npm run build`: `vite build`, then scripts/build-server.mjs); npm start builds and runs it.
 */
import { createServer, type RequestListener, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { closeRuntime, getRuntime } from './src/lib/server/runtime';
import { prepareRuntime } from './src/lib/server/startup';
import { attachRealtime } from './src/lib/server/realtime/server';
import cluster from 'node:cluster';
import { isClusterWorker } from './src/lib/server/cluster/worker';
import { loadConfig } from './src/lib/server/config';
import { CANNOT_LISTEN_EXIT_CODE, cannotListen, startupBanner } from './src/lib/server/banner';
import { runPrimary } from './src/lib/server/cluster/primary';
import { BASELINE_CSP, WORKER_CSP, WORKER_PATH, securityHeaderList } from './src/lib/server/security-headers';
import { PublicCache, publicPagesVersion } from './src/lib/server/http/public-cache';
import { challengeCookieName, sessionCookieName } from './src/lib/server/auth/session-cookie';
import { ledgerSequence } from './src/lib/server/scoring/ledger';

if (cluster.isPrimary && loadConfig().workers > 1) await runPrimary(loadConfig());
else await serve();

async function serve(): Promise<void> {
	const runtime = getRuntime();
	const { config } = runtime;
	const started = await prepareRuntime();

	// adapter-node reads its settings from the environment when the handler loads.
	// The adapter's cap is the largest any route accepts; hooks.server.ts applies the per-route limits.
	process.env.BODY_SIZE_LIMIT ??= String(config.uploadBodyLimit);
	// Without ORIGIN, adapter-node assumes https and every form post from http://localhost (or a phone on the
	// LAN) fails its Origin check. This server speaks plain HTTP, so say so on each request; behind a TLS proxy,
	// set ORIGIN instead.
	const PROTOCOL_HEADER = 'x-tienphong-protocol';
	if (!config.origin) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	// SvelteKit's handler, beside this file once bundled (build/server.js, scripts/build-server.mjs).
	const handlerModule = './handler.js';
	const { handler } = (await import(handlerModule)) as { handler: RequestListener };

	/** After SIGTERM, connections already waiting in the kernel's queue are taken up for at most this long. */
	const DRAIN_QUEUE_MAX_MS = 5000;
	/** Then a connection accepted earlier has this long to send its request before an idle one is closed. */
	const IDLE_GRACE_MS = 1000;
	/** Whatever is still open then is cut (below the 30 s after which supervisors usually send SIGKILL). */
	const FORCE_AFTER_MS = 25_000;

	let stopping = false;
	let inFlight = 0;
	let accepted = 0;

	/**
	 * Set before any handler runs, so that adapter-node's static files (build assets, static/) carry them too;
	 * SvelteKit's answers set their own values over these (hooks.server.ts), pages and photos their own CSP.
	 */
	const baseline = [
		...securityHeaderList(config.origin?.startsWith('https:') ?? false),
		['content-security-policy', BASELINE_CSP]
	] as const;

	/** Anonymous readers of the board and the home page, served what was rendered for the first of them (issue 14). */
	const publicCache = new PublicCache({
		personalCookies: [true, false].flatMap((secure) => [sessionCookieName(secure), challengeCookieName(secure)]),
		version: () => publicPagesVersion(() => ledgerSequence(runtime.db), runtime.boards)
	});

	const server = createServer((req, res) => {
		for (const [name, value] of baseline) res.setHeader(name, value);
		// A 304 updates the headers the browser keeps with its copy: the baseline CSP would replace a page's own (its
		// script's hash) and the page would never start. A 304 keeps whatever CSP the copy came with.
		const writeHead = res.writeHead;
		res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
			if (args[0] === 304) this.removeHeader('content-security-policy');
			return writeHead.apply(this, args);
		} as ServerResponse['writeHead'];
		if (req.url?.split('?')[0] === WORKER_PATH) res.setHeader('content-security-policy', WORKER_CSP);
		inFlight++;
		res.once('close', () => inFlight--);
		// While stopping, every answer closes its connection: nothing is left idle to be cut mid-request.
		if (stopping) res.setHeader('connection', 'close');
		if (!config.origin) req.headers[PROTOCOL_HEADER] = 'http';
		void publicCache.handle(req, res, () => handler(req, res));
	});
	server.on('connection', () => accepted++);
	attachRealtime(server, runtime);

	// A taken port (a second `npm start`, say) is said in words, not with a stack trace.
	server.once('error', (error: NodeJS.ErrnoException) => {
		const said = cannotListen(config, error.code);
		if (!said) throw error;
		console.error(said);
		process.exit(CANNOT_LISTEN_EXIT_CODE);
	});
	// In a cluster the primary says it once every worker listens (cluster/primary.ts).
	server.listen(config.port, config.host, () => isClusterWorker || console.log(startupBanner(config, started)));

	const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

	/**
	 * Takes up the connections the kernel has already completed for us: a busy server accepts them a few at a
	 * time between requests, and closing the listening socket resets every one still queued (a client that
	 * sent its request sees ECONNRESET). Each short wait lets the loop through a poll phase, which accepts
	 * at least one queued connection if there is any; three in a row that accept none mean the queue is empty.
	 */
	async function drainAcceptQueue(): Promise<void> {
		const started = performance.now();
		let seen = accepted;
		for (let quiet = 0; quiet < 3 && performance.now() - started < DRAIN_QUEUE_MAX_MS;) {
			await sleep(10);
			if (accepted === seen) quiet++;
			else [quiet, seen] = [0, accepted];
		}
	}

	/**
	 * A graceful stop that resets nothing a client already sent: /api/health says "stopping" (503) so a load
	 * balancer moves on; connections already queued are taken up, then the listening socket closes — with
	 * net.Server's close, since http.Server's also cuts idle keep-alive connections at once. Requests in
	 * flight and those arriving on accepted connections are answered with `connection: close`; connections
	 * still idle after a grace period are closed; then sockets, Redis, the database.
	 */
	async function shutdown(signal: string): Promise<void> {
		if (stopping) return;
		stopping = true;
		runtime.stopping = true;
		console.log(`${signal}: đang dừng máy chủ...`);
		const force = setTimeout(() => server.closeAllConnections(), FORCE_AFTER_MS);
		force.unref();
		await drainAcceptQueue();
		const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
		const listenerClosedAt = performance.now();
		while ((inFlight > 0 || performance.now() - listenerClosedAt < IDLE_GRACE_MS) && performance.now() - listenerClosedAt < FORCE_AFTER_MS)
			await sleep(25);
		server.closeIdleConnections();
		await runtime.realtime?.close();
		await closed;
		await closeRuntime();
		clearTimeout(force);
		console.log('Đã dừng.');
		process.exit(0);
	}

	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGINT', () => void shutdown('SIGINT'));
}
