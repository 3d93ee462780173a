/**
 * Secure defaults, checked on every kind of answer the production server gives: pages, endpoints, build
 * assets and static files, photos, redirects, errors from SvelteKit and from the hooks, socket.io's
 * polling transport. Each carries a CSP with frame-ancestors 'none', X-Frame-Options, nosniff,
 * Referrer-Policy and Permissions-Policy; HSTS exactly when ORIGIN is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { approveOverHttp, signIn, submitWithPhotos } from '../helpers/live';

import { NOW } from '../helpers/clock';

interface Probe {
	what: string;
	path: string;
	method?: string;
	headers?: Record<string, string>;
	/** Sent in full; `declaredLength` announces a body that is never sent (the server must refuse it from the headers). */
	body?: string;
	declaredLength?: number;
	status: number;
	page?: boolean;
}

/** One request on a connection of its own; the answer's status and headers. */
function send(base: string, probe: Probe): Promise<{ status: number; header: (name: string) => string | null }> {
	return new Promise((ok, fail) => {
		const headers: Record<string, string | number> = { ...probe.headers };
		if (probe.body !== undefined) headers['content-length'] = Buffer.byteLength(probe.body);
		if (probe.declaredLength !== undefined) headers['content-length'] = probe.declaredLength;
		const req = request(`${base}${probe.path}`, { method: probe.method ?? 'GET', headers, agent: false }, (res) => {
			res.resume();
			res.once('end', () => {
				ok({
					status: res.statusCode ?? 0,
					header: (name) => {
						const value = res.headers[name];
						return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
					}
				});
				req.destroy();
			});
		});
		req.once('error', fail);
		if (probe.body !== undefined) req.end(probe.body);
		else if (probe.declaredLength === undefined) req.end();
		else req.flushHeaders();
	});
}

/** The answers to check on a server at `origin` (`own` is the Origin header a page of it would send). */
function probes(own: string, extra: Probe[] = []): Probe[] {
	return [
		{ what: 'home page', path: '/', status: 200, page: true },
		{ what: 'unit tree page', path: '/don-vi', status: 200, page: true },
		{ what: 'login page', path: '/dang-nhap', status: 200, page: true },
		{ what: 'health endpoint', path: '/api/health', status: 200 },
		{ what: 'showcase endpoint', path: '/api/trinh-chieu', status: 200 },
		{ what: 'static file', path: '/favicon.svg', status: 200 },
		{ what: 'version file', path: '/_app/version.json', status: 200 },
		{ what: 'service worker', path: '/service-worker.js', status: 200 },
		{ what: 'redirect to sign in', path: '/toi', status: 303 },
		{ what: 'unknown page', path: '/khong-co-trang-nay', status: 404, page: true },
		{ what: 'unknown asset', path: '/_app/immutable/khong-co.js', status: 404 },
		{ what: 'unknown photo (endpoint error)', path: '/anh/aaaaaaaaaaaaaaaaaaaaaaaa/lon', status: 404 },
		{ what: 'unknown board (endpoint error)', path: '/api/bang-xep-hang?bang=khong-co', status: 404 },
		{
			what: 'cross-site post (hook error)',
			path: '/dang-nhap',
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=b',
			status: 403
		},
		{
			what: 'oversized post (hook error)',
			path: '/dang-nhap',
			method: 'POST',
			headers: { origin: own, 'content-type': 'application/x-www-form-urlencoded' },
			declaredLength: 2 * 1024 * 1024,
			status: 413
		},
		{ what: 'socket.io polling handshake', path: '/socket.io/?EIO=4&transport=polling', headers: { origin: own }, status: 200 },
		...extra
	];
}

async function check(base: string, list: Probe[], https: boolean): Promise<string[]> {
	const problems: string[] = [];
	for (const probe of list) {
		const res = await send(base, probe);
		const h = { get: res.header };
		const where = `${probe.what} (${probe.path} → ${res.status})`;
		if (res.status !== probe.status) problems.push(`${where}: expected status ${probe.status}`);
		const csp = h.get('content-security-policy') ?? '';
		if (!csp.includes("frame-ancestors 'none'")) problems.push(`${where}: CSP without frame-ancestors 'none': "${csp}"`);
		// Its inline script allowed by hash, not nonce: a public page's bytes are the same for every reader (cached).
		if (probe.page && !/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/.test(csp)) problems.push(`${where}: not the page CSP: "${csp}"`);
		if (h.get('x-frame-options') !== 'DENY') problems.push(`${where}: x-frame-options ${h.get('x-frame-options')}`);
		if (h.get('x-content-type-options') !== 'nosniff') problems.push(`${where}: x-content-type-options ${h.get('x-content-type-options')}`);
		if (!['strict-origin-when-cross-origin', 'no-referrer', 'same-origin'].includes(h.get('referrer-policy') ?? ''))
			problems.push(`${where}: referrer-policy ${h.get('referrer-policy')}`);
		if (!h.get('permissions-policy')?.includes('geolocation=()'))
			problems.push(`${where}: permissions-policy ${h.get('permissions-policy')}`);
		const hsts = h.get('strict-transport-security');
		if (https && !/max-age=31536000; includeSubDomains/.test(hsts ?? '')) problems.push(`${where}: no HSTS under an https ORIGIN`);
		if (!https && hsts) problems.push(`${where}: HSTS over plain http: ${hsts}`);
	}
	return problems;
}

/** One GET asking for an encoding, read raw (fetch would decode it): the encoding, Vary and the decoded text. */
function fetchEncoded(
	url: string,
	encoding: string
): Promise<{ encoding: string | null; vary: string | null; bytes: number; text: string }> {
	return new Promise((ok, fail) => {
		const req = request(url, { headers: { 'accept-encoding': encoding }, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.once('end', () => {
				const raw = Buffer.concat(chunks);
				const used = res.headers['content-encoding'] ?? null;
				const text = (used === 'br' ? brotliDecompressSync(raw) : used === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
				ok({ encoding: used, vary: (res.headers.vary as string | undefined) ?? null, bytes: raw.length, text });
			});
		});
		req.once('error', fail);
		req.end();
	});
}

describe('security headers on every answer', () => {
	const databasePath = tempDbPath();
	let plain: RunningServer;
	let behindTls: RunningServer;
	let assets: Probe[] = [];

	beforeAll(async () => {
		plain = await startServer({ DATABASE_PATH: databasePath });
		behindTls = await startServer({ DATABASE_PATH: databasePath, ORIGIN: 'https://localhost:8443' }); // a loopback origin: a public one would replace the demo's passwords
		const html = await (await fetch(`${plain.url}/`)).text();
		const js = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
		const css = /\/_app\/immutable\/[^"']+\.css/.exec(html)?.[0];
		expect(js && css).toBeTruthy();
		assets = [
			{ what: 'build script', path: js!, status: 200 },
			{ what: 'build stylesheet', path: css!, status: 200 }
		];
	}, 90_000);
	afterAll(async () => {
		await Promise.all([plain?.stop(), behindTls?.stop()]);
	});

	it('sends pages and JSON compressed to a phone that accepts it (brotli first, else gzip), and build assets precompressed', async () => {
		for (const path of ['/', '/bang-xep-hang', '/api/trinh-chieu', assets[1]!.path]) {
			const br = await fetchEncoded(`${plain.url}${path}`, 'gzip, deflate, br');
			const gzip = await fetchEncoded(`${plain.url}${path}`, 'gzip');
			const identity = await fetchEncoded(`${plain.url}${path}`, 'identity');
			expect([br.encoding, gzip.encoding, identity.encoding], path).toEqual(['br', 'gzip', null]);
			// Each encoding is rendered on its own, with the moment its numbers were read: the rest is the same text.
			const same = (text: string) => text.replace(/readAt:\d+/g, 'readAt:0');
			expect(same(br.text), path).toBe(same(identity.text));
			expect(same(gzip.text), path).toBe(same(identity.text));
			expect(br.bytes, path).toBeLessThan(identity.bytes / 2);
			expect(br.vary, path).toMatch(/accept-encoding/i);
		}
		expect((await fetchEncoded(`${plain.url}/bang-xep-hang`, 'br')).text).toContain('Bảng xếp hạng');
	});

	it('revalidates a page with a 304 that carries no CSP, so the copy the browser keeps keeps its own (or its script never runs)', async () => {
		for (const path of ['/sang-kien', '/bang-xep-hang', '/']) {
			await fetch(`${plain.url}${path}`);
			const page = await fetch(`${plain.url}${path}`);
			const etag = page.headers.get('etag');
			expect(etag, path).toBeTruthy();
			expect(page.headers.get('content-security-policy'), path).toMatch(/script-src 'self' 'sha256-/);
			const again = await fetch(`${plain.url}${path}`, { headers: { 'if-none-match': etag! } });
			expect(again.status, path).toBe(304);
			expect(again.headers.get('content-security-policy'), path).toBeNull();
		}
	});

	it('over plain http (no ORIGIN): pages, endpoints, assets, photos, redirects and errors, without HSTS', async () => {
		const jpeg = () =>
			sharp({ create: { width: 320, height: 240, channels: 3, background: '#36c' } })
				.jpeg()
				.toBuffer();
		const [id] = await submitWithPhotos(databasePath, join(dirname(databasePath), 'uploads'), 1, 1, NOW, jpeg);
		expect(await approveOverHttp(plain.url, await signIn(plain.url, 'tuangiao'), id!)).toMatchObject({ type: 'success' });
		const db = new Database(databasePath, { readonly: true });
		const photo = db.prepare('select id from photos where initiative_id = ?').pluck().get(id) as string;
		db.close();
		const photos: Probe[] = [
			{ what: 'public photo', path: `/anh/${photo}/lon`, status: 200 },
			{ what: 'public thumbnail', path: `/anh/${photo}/nho`, status: 200 }
		];
		expect(await check(plain.url, probes(plain.url, [...assets, ...photos]), false)).toEqual([]);
	});

	it('behind TLS (ORIGIN=https://…): the same, with HSTS on every answer', async () => {
		expect(await check(behindTls.url, probes('https://localhost:8443', assets), true)).toEqual([]);
	});
});
