import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the app writes per request (pages, JSON, CSV); photos, PDFs and workbooks are compressed already. */
const COMPRESSIBLE =
	/^(text\/(html|plain|csv|css|javascript)|application\/(json|javascript|xml|ld\+json|manifest\+json)|image\/svg\+xml)\b/;
/** Below this, the encoding's own bytes and the CPU cost outweigh what it saves. */
const MIN_BYTES = 1024;
/** Brotli's quality 11 takes tens of ms on a large page; 5 keeps most of the gain at a few ms. */
const BROTLI_QUALITY = 5;

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with, from an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
	}
	const allowed = (name: Encoding) => (accepted.get(name) ?? (accepted.get('*') || 0)) > 0;
	return allowed('br') ? 'br' : allowed('gzip') ? 'gzip' : null;
}

/**
 * The response compressed for this request when it is text worth compressing: mobile data costs money in
 * the mountain districts. Build assets are precompressed at build time and never reach here.
 */
export async function compressed(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (request.method === 'HEAD' || !response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return response;
	if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304) return response;
	response.headers.append('vary', 'Accept-Encoding');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	if (body.length < MIN_BYTES) return new Response(body, { status: response.status, statusText: response.statusText, headers });
	const packed =
		encoding === 'br'
			? await brotli(body, {
					params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length }
				})
			: await gzipped(body);
	headers.set('content-encoding', encoding);
	return new Response(packed, { status: response.status, statusText: response.statusText, headers });
}
