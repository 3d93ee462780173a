import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLIC_CACHE_TTL_MS, PublicCache, publicCacheKey, publicPagesVersion } from './public-cache';
import { isFresh } from './etag';

/** A stand-in for the app: counts what reaches it, answers like SvelteKit would (headers, then streamed body). */
let rendered: string[] = [];
let ledger = 1;
let clock = 1_000_000;
let appAnswer: { status: number; headers: Record<string, string> } = { status: 200, headers: {} };
const cache = new PublicCache({ personalCookies: ['tp_session', 'tp_signin'], version: () => ledger, now: () => clock });

let server: Server;
let base: string;
beforeAll(async () => {
	server = createServer((req, res) => {
		void cache.handle(req, res, () => {
			rendered.push(`${req.method} ${req.url}`);
			// Slow enough that a crowd arriving together finds the first render still under way.
			setTimeout(() => {
				for (const [name, value] of Object.entries({ 'content-type': 'text/html; charset=utf-8', ...appAnswer.headers }))
					res.setHeader(name, value);
				res.writeHead(appAnswer.status);
				res.write(`<p>Bảng xếp hạng · sổ điểm ${ledger}</p>`);
				res.end(`<p>lần ${rendered.length}</p>`);
			}, 20);
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
	rendered = [];
	ledger += 1;
	clock += 10 * PUBLIC_CACHE_TTL_MS;
	appAnswer = { status: 200, headers: {} };
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
	return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((ok, fail) => {
		const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => ok({ status: res.statusCode!, body, headers: res.headers }));
		});
		req.on('error', fail);
		req.end();
	});
}

describe('public page cache', () => {
	it('renders a board once for a crowd of anonymous readers, and serves the same page to all of them', async () => {
		const crowd = await Promise.all(Array.from({ length: 20 }, () => get('/bang-xep-hang?doi-tuong=district')));
		const later = await get('/bang-xep-hang?doi-tuong=district');
		expect(rendered).toEqual(['GET /bang-xep-hang?doi-tuong=district']);
		expect(new Set([...crowd, later].map((r) => r.body))).toEqual(new Set([`<p>Bảng xếp hạng · sổ điểm ${ledger}</p><p>lần 1</p>`]));
		expect(later.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(later.headers['cache-control']).toBe('no-cache');
		expect(Number(later.headers['content-length'])).toBe(Buffer.byteLength(later.body));
	});

	it('always lets a signed-in reader through to the app (their own row, their menu), however often they come', async () => {
		await get('/bang-xep-hang');
		await get('/bang-xep-hang', { cookie: 'theme=dark; tp_session=abc' });
		await get('/bang-xep-hang', { cookie: 'tp_signin=xyz' });
		await get('/bang-xep-hang', { cookie: 'theme=dark' });
		expect(rendered).toEqual(['GET /bang-xep-hang', 'GET /bang-xep-hang', 'GET /bang-xep-hang']);
	});

	it('renders again once the ledger moves, and once the page is older than its time to live', async () => {
		await get('/');
		await get('/');
		ledger += 1;
		const afterApproval = await get('/');
		expect(afterApproval.body).toContain(`sổ điểm ${ledger}`);
		clock += PUBLIC_CACHE_TTL_MS - 1;
		await get('/');
		clock += 1;
		await get('/');
		expect(rendered).toEqual(['GET /', 'GET /', 'GET /']);
	});

	it('answers a reader who has the page with 304 and no body, and HEAD with headers only', async () => {
		await get('/don-vi/12');
		const page = await get('/don-vi/12');
		const etag = String(page.headers.etag);
		expect(etag).toMatch(/^".+"$/);
		const again = await get('/don-vi/12', { 'if-none-match': `W/"x", ${etag}` });
		expect([again.status, again.body, again.headers.etag]).toEqual([304, '', etag]);
		const head = await get('/don-vi/12', {}, 'HEAD');
		expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', page.headers['content-length']]);
		expect(rendered).toEqual(['GET /don-vi/12']);
	});

	it('keeps the JSON snapshot under its own ETag, and each encoding as its own entry', async () => {
		appAnswer.headers = { 'content-type': 'application/json', etag: '"v7-abc"', 'cache-control': 'public, no-cache' };
		await get('/api/bang-xep-hang?bang=b1', { 'accept-encoding': 'br' });
		const br = await get('/api/bang-xep-hang?bang=b1', { 'accept-encoding': 'gzip, br' });
		const notModified = await get('/api/bang-xep-hang?bang=b1', { 'accept-encoding': 'br', 'if-none-match': '"v7-abc"' });
		await get('/api/bang-xep-hang?bang=b1', { 'accept-encoding': 'gzip' });
		await get('/api/bang-xep-hang?bang=b1');
		expect([br.headers.etag, br.headers['cache-control'], notModified.status]).toEqual(['"v7-abc"', 'public, no-cache', 304]);
		expect(rendered).toHaveLength(3);
	});

	it('keeps no error, no answer that sets a cookie or is private, and no page outside the public ones', async () => {
		for (const headers of [{ 'set-cookie': 'a=b' }, { 'cache-control': 'private, no-store' }] as Record<string, string>[]) {
			appAnswer = { status: 200, headers };
			await get('/bang-xep-hang');
			await get('/bang-xep-hang');
		}
		appAnswer = { status: 404, headers: {} };
		await get('/don-vi/999');
		await get('/don-vi/999');
		appAnswer = { status: 200, headers: {} };
		for (const path of ['/toi', '/duyet', '/bang-xep-hang/giai-thich', '/bang-xep-hang/__data.json', '/don-vi/0']) {
			await get(path);
			await get(path);
		}
		expect(rendered).toHaveLength(2 + 2 + 2 + 10);
	});
});

describe('public page cache, the database unable to answer', () => {
	it('lets the request through to the app instead of failing it', async () => {
		const failing = new PublicCache({
			personalCookies: [],
			version: () => {
				throw new Error('The database connection is not open');
			}
		});
		let rendered = 0;
		const req = { method: 'GET', url: '/bang-xep-hang', headers: {} } as unknown as Parameters<PublicCache['handle']>[0];
		await failing.handle(req, {} as Parameters<PublicCache['handle']>[1], () => void rendered++);
		expect(rendered).toBe(1);
	});
});

describe('publicCacheKey', () => {
	const key = (method: string, url: string, headers: Record<string, string> = {}) =>
		publicCacheKey({ method, url, headers }, ['tp_session']);

	it('is the encoding and the address, for GET and HEAD of the public pages only', () => {
		expect(key('GET', '/bang-xep-hang?ky=Y2026', { 'accept-encoding': 'gzip, br' })).toBe('br /bang-xep-hang?ky=Y2026');
		expect(key('HEAD', '/', { 'accept-encoding': 'gzip' })).toBe('gzip /');
		expect(key('GET', '/api/bang-xep-hang?bang=x')).toBe('identity /api/bang-xep-hang?bang=x');
		expect(key('POST', '/bang-xep-hang')).toBeNull();
		expect(key('GET', '/bang-xep-hang/')).toBeNull();
		expect(key('GET', '/sang-kien/1')).toBeNull();
		expect(key('GET', '/', { cookie: 'tp_session=1' })).toBeNull();
		expect(key('GET', '/', { cookie: 'not_tp_session=1' })).toBe('identity /');
	});
});

describe('isFresh', () => {
	it('compares weakly and reads lists and *', () => {
		expect(isFresh('"a"', '"a"')).toBe(true);
		expect(isFresh('W/"a"', '"a"')).toBe(true);
		expect(isFresh('"b", "a"', '"a"')).toBe(true);
		expect(isFresh('*', '"a"')).toBe(true);
		expect(isFresh('"b"', '"a"')).toBe(false);
		expect(isFresh(undefined, '"a"')).toBe(false);
	});
});

describe('publicPagesVersion', () => {
	it('moves when the boards catch up with a commit, so a page rendered in between is rendered again', async () => {
		let boardsAt: number | null = 41;
		const boards = { sequence: async () => boardsAt };
		const committed = await publicPagesVersion(() => 42, boards);
		boardsAt = 42;
		const caughtUp = await publicPagesVersion(() => 42, boards);
		expect(caughtUp).not.toBe(committed);
		expect(await publicPagesVersion(() => 42, boards)).toBe(caughtUp);
	});
});
