import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, compressed } from './compression';

const page = `<!doctype html><html><body>${'<p>Bảng xếp hạng trực tiếp</p>'.repeat(200)}</body></html>`;
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
const get = (encoding?: string, method = 'GET') =>
	new Request('http://localhost/bang-xep-hang', { method, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('chooseEncoding', () => {
	it('prefers brotli, falls back to gzip, and honours q=0 and *', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('compressed', () => {
	it('sends a page in brotli or gzip, with the same text inside and Vary set', async () => {
		const br = await compressed(get('br, gzip'), html());
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toContain('Accept-Encoding');
		const brBytes = Buffer.from(await br.arrayBuffer());
		expect(brBytes.length).toBeLessThan(Buffer.byteLength(page) / 10);
		expect(brotliDecompressSync(brBytes).toString()).toBe(page);
		const gz = await compressed(get('gzip'), html());
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
	});

	it('keeps the status and every cookie', async () => {
		const response = html(page, { 'set-cookie': 'a=1' });
		response.headers.append('set-cookie', 'b=2');
		const out = await compressed(get('br'), new Response(response.body, { status: 404, headers: response.headers }));
		expect(out.status).toBe(404);
		expect(out.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
	});

	it('leaves alone what a client did not ask to compress, small bodies, HEAD, binary and already encoded answers', async () => {
		expect((await compressed(get(), html())).headers.get('content-encoding')).toBeNull();
		expect((await compressed(get('br'), html('<p>ngắn</p>'))).headers.get('content-encoding')).toBeNull();
		expect((await compressed(get('br', 'HEAD'), html())).headers.get('content-encoding')).toBeNull();
		const photo = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/webp' } });
		expect((await compressed(get('br'), photo)).headers.get('content-encoding')).toBeNull();
		const encoded = html(page, { 'content-encoding': 'gzip' });
		expect(await compressed(get('br'), encoded)).toBe(encoded);
	});
});
