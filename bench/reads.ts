/**
 * Issue 14, goal 2 (the QR stampede): anonymous readers of the board page and of its JSON snapshot, against a
 * running production server, beside a plain node:http server answering the same bytes in the same run.
 *
 *   npm run build && DATABASE_PATH=/tmp/r/app.db PORT=3000 node build/server.js &
 *   BASE_URL=http://localhost:3000 SECONDS=15 node --import tsx bench/reads.ts
 *
 * Goals: board page ≥ 2,000 rps with p99 ≤ 50 ms at 64 connections; JSON snapshot ≥ 5,000 rps.
 * A signed-in reader's board page (rendered for them each time) is printed for comparison, without a goal.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { load, type LoadResult } from './load';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const seconds = Number(process.env.SECONDS ?? 10);
const phone = { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'bench/reads' };

async function signedInCookie(): Promise<string | null> {
	const username = process.env.BENCH_USER;
	const password = process.env.BENCH_PASSWORD;
	if (!username || !password) return null;
	const body = new URLSearchParams({ identifier: username, password });
	const res = await fetch(`${base}/dang-nhap`, { method: 'POST', body, redirect: 'manual', headers: { origin: base } });
	return (
		res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ') || null
	);
}

// fetch decompresses, so the baseline must answer the compressed bytes a phone gets: ask node:http for them.
async function rawCompressed(url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
	const { request } = await import('node:http');
	return new Promise((ok, fail) => {
		request(url, { headers: phone }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const headers: Record<string, string> = {};
				for (const [name, value] of Object.entries(res.headers))
					if (typeof value === 'string' && !['content-length', 'transfer-encoding', 'date', 'connection', 'keep-alive'].includes(name))
						headers[name] = value;
				ok({ body: Buffer.concat(chunks), headers });
			});
		})
			.on('error', fail)
			.end();
	});
}

/** A server doing nothing but answering these exact bytes and headers: the runtime's floor on this machine. */
async function plainServer(url: string): Promise<{ url: string; close: () => void }> {
	const { body, headers } = await rawCompressed(url);
	const server = createServer((_req, out) => {
		out.writeHead(200, { ...headers, 'content-length': body.length });
		out.end(body);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

const line = (what: string, r: LoadResult) =>
	`${what.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} rps  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${String(r.bytes).padStart(6)} B  ${JSON.stringify(r.statuses)}`;

const page = await fetch(`${base}/bang-xep-hang`).then((r) => r.text());
const boardKey = /key:"([^"]+)"/.exec(page)?.[1];
if (!boardKey) throw new Error('no live board on /bang-xep-hang: is there a campaign with an open period?');
const cases = [
	{ what: 'board page, anonymous', url: `${base}/bang-xep-hang`, goal: { rps: 2000, p99: 50 } },
	{
		what: 'JSON snapshot, anonymous',
		url: `${base}/api/bang-xep-hang?bang=${encodeURIComponent(boardKey)}`,
		goal: { rps: 5000, p99: Infinity }
	}
];

console.log(
	`reads · ${seconds} s per line · 64 connections · load average before ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
for (const c of cases) {
	const plain = await plainServer(c.url);
	// Two seconds first on each, so that neither figure includes the generator's or the server's warm-up.
	await load(plain.url, { seconds: 2, headers: phone });
	const floor = await load(plain.url, { seconds, headers: phone });
	plain.close();
	await load(c.url, { seconds: 2, headers: phone });
	const app = await load(c.url, { seconds, headers: phone });
	console.log(line(`${c.what}: plain node:http`, floor));
	console.log(line(`${c.what}: app`, app));
	const met = app.rps >= c.goal.rps && app.p99 <= c.goal.p99;
	const p99Goal = Number.isFinite(c.goal.p99) ? ` and p99 ≤ ${c.goal.p99} ms` : '';
	console.log(`  goal ≥ ${c.goal.rps} rps${p99Goal}: ${met ? 'met' : 'MISSED'} · app/baseline ${(app.rps / floor.rps).toFixed(2)}`);
}
const cookie = await signedInCookie();
if (cookie) {
	const own = await load(`${base}/bang-xep-hang`, { seconds, headers: { ...phone, cookie } });
	console.log(line('board page, signed in (rendered)', own));
} else {
	console.log('(BENCH_USER and BENCH_PASSWORD not set: signed-in board page not measured)');
}
console.log(
	`load average after ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
