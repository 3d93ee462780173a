import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { chooseEncoding } from './compression';
import { isFresh } from './etag';

/**
 * The public pages a crowd opens at once (the QR code on an event's big screen points at the board or a unit's
 * page; the home page; the board's JSON snapshot that every phone fetches on joining), answered for anonymous
 * readers from what was rendered for the first of them: no session, no database, no rendering per request.
 */
const CACHED_PATHS = /^\/(?:|bang-xep-hang|don-vi\/[1-9]\d{0,9}|api\/bang-xep-hang)$/;

/**
 * How long a rendered page is served after the ledger last moved. Ledger rows (approvals, revocations) render
 * it again at once; anything else a public page shows (a unit renamed, a work unpublished) is at most this old,
 * and the board's live link brings the numbers up to date on the phone anyway.
 */
export const PUBLIC_CACHE_TTL_MS = 3000;
const MAX_ENTRIES = 256;
/** A page larger than this is not kept (the board's pages are 10-40 KB compressed). */
const MAX_ENTRY_BYTES = 512 * 1024;
/** Headers that describe one connection or one moment, not the page. */
const NOT_KEPT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

type Version = string | number;

interface Entry {
	version: Version;
	storedAt: number;
	etag: string;
	headers: OutgoingHttpHeaders;
	body: Buffer;
}

export interface PublicCacheOptions {
	/** Names of cookies that make a request someone's own (the session, the pending sign-in). */
	personalCookies: string[];
	/** What the cached pages were rendered from: a page rendered at another version is rendered again. */
	version: () => Version | Promise<Version>;
	now?: () => number;
	ttlMs?: number;
}

/**
 * The cache key of a request that may be answered from the cache, or null: GET or HEAD of a cached path,
 * from nobody signed in. The key holds the query (each board is its own page) and the encoding the answer
 * will be in, since what is kept is the compressed bytes.
 */
export function publicCacheKey(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, personalCookies: string[]): string | null {
	if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return null;
	const query = req.url.indexOf('?');
	const path = query === -1 ? req.url : req.url.slice(0, query);
	if (!CACHED_PATHS.test(path)) return null;
	const cookie = req.headers.cookie;
	if (cookie && personalCookies.some((name) => new RegExp(`(?:^|;\\s*)${name}=`).test(cookie))) return null;
	const acceptEncoding = req.headers['accept-encoding'];
	const encoding = chooseEncoding(Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? null)) ?? 'identity';
	return `${encoding} ${req.url}`;
}

export class PublicCache {
	private readonly entries = new Map<string, Entry>();
	/** Renders under way, so that a crowd arriving together waits for one instead of each rendering its own. */
	private readonly rendering = new Map<string, Promise<void>>();
	private readonly now: () => number;
	private readonly ttlMs: number;

	constructor(private readonly options: PublicCacheOptions) {
		this.now = options.now ?? Date.now;
		this.ttlMs = options.ttlMs ?? PUBLIC_CACHE_TTL_MS;
	}

	/**
	 * Answers the request from the cache, or passes it to `render` (the app) — keeping what it answers when it
	 * is a public page that may be shared.
	 */
	async handle(req: IncomingMessage, res: ServerResponse, render: () => void): Promise<void> {
		const key = publicCacheKey(req, this.options.personalCookies);
		if (key === null) return render();
		let version: Version;
		try {
			version = await this.options.version();
		} catch {
			// The database cannot say (closing, disk trouble): the app answers as it would without the cache.
			return render();
		}
		let entry = this.fresh(key, version);
		const pending = entry ? undefined : this.rendering.get(key);
		if (pending) {
			await pending;
			entry = this.fresh(key, version);
		}
		if (entry) return send(entry, req, res);
		if (req.method === 'GET' && !this.rendering.has(key)) {
			const kept = this.keep(key, version, res);
			this.rendering.set(key, kept);
			void kept.finally(() => this.rendering.delete(key));
		}
		render();
	}

	private fresh(key: string, version: Version): Entry | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.version === version && this.now() - entry.storedAt < this.ttlMs) return entry;
		this.entries.delete(key);
		return undefined;
	}

	/** Copies what the app writes to `res` and keeps it once the answer ends, if it may be shared. */
	private keep(key: string, version: Version, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		let size = 0;
		const collect = (chunk: unknown, encoding?: unknown) => {
			if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
			const buffer =
				typeof chunk === 'string'
					? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
					: Buffer.from(chunk as Uint8Array);
			size += buffer.length;
			if (size <= MAX_ENTRY_BYTES) chunks.push(buffer);
		};
		const write = res.write.bind(res) as (...args: unknown[]) => boolean;
		const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
		res.write = ((chunk: unknown, ...rest: unknown[]) => {
			collect(chunk, rest[0]);
			return write(chunk, ...rest);
		}) as ServerResponse['write'];
		return new Promise<void>((resolve) => {
			res.once('close', () => resolve());
			res.end = ((chunk?: unknown, ...rest: unknown[]) => {
				collect(chunk, rest[0]);
				const result = end(chunk, ...rest);
				if (size <= MAX_ENTRY_BYTES && shareable(res)) this.store(key, version, res, Buffer.concat(chunks));
				resolve();
				return result;
			}) as ServerResponse['end'];
		});
	}

	private store(key: string, version: Version, res: ServerResponse, body: Buffer): void {
		const headers: OutgoingHttpHeaders = {};
		for (const [name, value] of Object.entries(res.getHeaders())) if (!NOT_KEPT.has(name) && value !== undefined) headers[name] = value;
		const own = res.getHeader('etag');
		const etag = typeof own === 'string' ? own : `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
		// Revalidated on every visit (a 304 while nothing moved), never kept by a browser as is.
		headers['cache-control'] ??= 'no-cache';
		if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(key, { version, storedAt: this.now(), etag, headers, body });
	}
}

/** A 200 meant for anyone: no cookie set, nothing marked private. */
function shareable(res: ServerResponse): boolean {
	if (res.statusCode !== 200 || res.hasHeader('set-cookie')) return false;
	return !/private|no-store/i.test(String(res.getHeader('cache-control') ?? ''));
}

function send(entry: Entry, req: IncomingMessage, res: ServerResponse): void {
	for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value!);
	res.setHeader('etag', entry.etag);
	if (isFresh(req.headers['if-none-match'], entry.etag)) {
		res.removeHeader('content-encoding');
		res.removeHeader('content-type');
		res.statusCode = 304;
		res.end();
		return;
	}
	res.statusCode = 200;
	res.setHeader('content-length', entry.body.length);
	res.end(req.method === 'HEAD' ? undefined : entry.body);
}

/**
 * The version public pages are rendered at: the ledger's sequence and the one the boards reflect. The boards follow a
 * commit a moment later (with Redis, a round trip or more), so a page rendered in between shows the ledger's newest
 * sequence without its points; keyed by both, it is rendered again once the boards have caught up.
 */
export async function publicPagesVersion(ledgerSequence: () => number, boards: { sequence(): Promise<number | null> }): Promise<string> {
	const ledger = ledgerSequence();
	return `${ledger}|${await boards.sequence()}`;
}
