/**
 * Production entry: one HTTP server carrying SvelteKit's adapter-node handler and socket.io.
 * Run after `vite build` (npm start does both).
 */
import { createServer, type RequestListener } from 'node:http';
import { closeRuntime, getRuntime } from './src/lib/server/runtime';
import { prepareRuntime } from './src/lib/server/startup';
import { attachRealtime } from './src/lib/server/realtime/server';
import { DEMO_ACCOUNTS } from './src/lib/server/seed/demo';
import { DEMO_PASSWORD } from './src/lib/server/seed/demo-data';
import { BASELINE_CSP, securityHeaderList } from './src/lib/server/security-headers';

const runtime = getRuntime();
const { config } = runtime;
const seeded = await prepareRuntime();

// adapter-node reads its settings from the environment when the handler loads.
// The adapter's cap is the largest any route accepts; hooks.server.ts applies the per-route limits.
process.env.BODY_SIZE_LIMIT ??= String(config.uploadBodyLimit);
// Without ORIGIN, adapter-node assumes https and every form post from http://localhost (or a phone on the
// LAN) fails its Origin check. This server speaks plain HTTP, so say so on each request; behind a TLS proxy,
// set ORIGIN instead.
const PROTOCOL_HEADER = 'x-tienphong-protocol';
if (!config.origin) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
const handlerModule = './build/handler.js';
const { handler } = (await import(handlerModule)) as { handler: RequestListener };

/**
 * Set before any handler runs, so that adapter-node's static files (build assets, static/) carry them too;
 * SvelteKit's answers set their own values over these (hooks.server.ts), pages and photos their own CSP.
 */
const baseline = [...securityHeaderList(config.origin?.startsWith('https:') ?? false), ['content-security-policy', BASELINE_CSP]] as const;

const server = createServer((req, res) => {
	for (const [name, value] of baseline) res.setHeader(name, value);
	if (!config.origin) req.headers[PROTOCOL_HEADER] = 'http';
	handler(req, res);
});
attachRealtime(server, runtime);

server.listen(config.port, config.host, () => {
	const shown = config.origin ?? `http://localhost:${config.port}`;
	const lines = [
		`Tiên Phong ${config.version} đang chạy tại ${shown}`,
		`  cơ sở dữ liệu: ${config.databasePath}`,
		`  Redis: ${config.redisUrl ? 'bật' : 'tắt (một tiến trình, không cần máy chủ khác)'}`
	];
	if (seeded === 'seeded' || seeded === 'already-demo') {
		lines.push(`  Tài khoản mẫu (mật khẩu: ${DEMO_PASSWORD}):`);
		for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(10)} ${a.note}`);
	}
	// One write, so whoever watches the output sees the whole block at once.
	console.log(lines.join('\n'));
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: đang dừng máy chủ...`);
	const force = setTimeout(() => {
		server.closeAllConnections();
	}, 10_000);
	force.unref();
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
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
