import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { prepareRuntime } from '$lib/server/startup';
import { validateSessionToken } from '$lib/server/auth/sessions';
import { clearSessionCookie, setSessionCookie } from '$lib/server/http/cookie';
import { sessionCookieName } from '$lib/server/auth/session-cookie';
import { loadActor } from '$lib/server/auth/actor';
import { secondFactorStandingOf } from '$lib/server/auth/second-factor';
import { hashAddress } from '$lib/server/audit';
import { BASELINE_CSP, securityHeaderList } from '$lib/server/security-headers';
import { t } from '$lib/i18n';
import { IMPORT_MAX_BYTES } from '$lib/domain/imports/table';
import { DOSSIER_MAX_BYTES } from '$lib/domain/awards/dossier';
import { compressed } from '$lib/server/http/compression';
import { SENT_FOR_HEADER, SENT_FOR_OTHER_STATUS } from '$lib/outbox-contract';
import { isClusterWorker, WEBSOCKET_ONLY_MARK } from '$lib/server/cluster/worker';

export const init: ServerInit = async () => {
	await prepareRuntime();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Forms that carry photos (multipart only); every other route and body keeps the small limit. */
const UPLOAD_ROUTES = /^\/sang-kien\/(moi|[1-9]\d*\/sua)\/?$/;
/** The spreadsheet import: one file of at most IMPORT_MAX_BYTES, plus room for the form around it. */
const IMPORT_ROUTE = /^\/quan-tri\/nhap-du-lieu\/?$/;
const IMPORT_BODY_LIMIT = IMPORT_MAX_BYTES + 64 * 1024;
/** A proposal's dossier: one PDF of at most DOSSIER_MAX_BYTES. */
const DOSSIER_ROUTE = /^\/khen-thuong\/de-nghi\/?$/;
const DOSSIER_BODY_LIMIT = DOSSIER_MAX_BYTES + 64 * 1024;

/**
 * SvelteKit checks Origin only for form content types; JSON and other bodies are ours to check.
 * A mutating request must come from our own pages: same Origin, or Sec-Fetch-Site same-origin.
 */
function isCrossSite(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin;
	return request.headers.get('sec-fetch-site') !== 'same-origin';
}

function plainError(status: number, message: string, secure: boolean): Response {
	const response = new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	securityHeaders(response, secure);
	return response;
}

/** The shared list (lib/server/security-headers.ts); a route's own Referrer-Policy or CSP (pages, photos) is kept. */
function securityHeaders(response: Response, secure: boolean): void {
	const h = response.headers;
	for (const [name, value] of securityHeaderList(secure)) {
		if (name === 'referrer-policy' && h.has(name)) continue;
		h.set(name, value);
	}
	// A 304 updates the headers the browser keeps with its copy: a page's own CSP (its script's hash) must stay.
	if (!h.has('content-security-policy') && response.status !== 304) h.set('content-security-policy', BASELINE_CSP);
}

/** In a cluster a page's socket must speak WebSocket only (cluster/worker.ts): its <html> says so. */
const markWebSocketOnly = ({ html }: { html: string }) => html.replace('<html lang="vi">', `<html lang="vi"${WEBSOCKET_ONLY_MARK}>`);

export const handle: Handle = async ({ event, resolve }) => {
	const { config, db } = getRuntime();
	event.locals.requestId = crypto.randomUUID();
	event.locals.ipHash = hashAddress(event.getClientAddress());
	event.locals.actor = null;
	event.locals.person = null;
	event.locals.session = null;
	event.locals.secondFactor = null;

	const secure = event.url.protocol === 'https:';
	// Browsers always declare a form's length; an undeclared (chunked) body could only be measured after
	// buffering it, so it is refused up front.
	const length = event.request.headers.get('content-length');
	if (!SAFE_METHODS.has(event.request.method) && length === null && event.request.headers.has('transfer-encoding')) {
		return plainError(411, t('error.411'), secure);
	}
	const multipart = (event.request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
	const limit =
		multipart && UPLOAD_ROUTES.test(event.url.pathname)
			? config.uploadBodyLimit
			: multipart && IMPORT_ROUTE.test(event.url.pathname)
				? IMPORT_BODY_LIMIT
				: multipart && DOSSIER_ROUTE.test(event.url.pathname)
					? DOSSIER_BODY_LIMIT
					: config.formBodyLimit;
	if (Number(length ?? 0) > limit) return plainError(413, t('error.413'), secure);
	if (isCrossSite(event.request, event.url)) return plainError(403, t('error.crossSite'), secure);

	const cookieName = sessionCookieName(secure);
	const token = event.cookies.get(cookieName);
	if (token) {
		const now = Date.now();
		const check = validateSessionToken(db, token, now);
		const identity = check ? loadActor(db, check.session.personId) : null;
		if (check && identity) {
			event.locals.session = check.session;
			event.locals.actor = identity.actor;
			event.locals.person = identity.person;
			event.locals.secondFactor = secondFactorStandingOf(db, identity.actor, now);
			if (check.refreshed) setSessionCookie(event.cookies, token, check.session.expiresAt, secure);
		} else {
			clearSessionCookie(event.cookies, secure);
		}
	}

	// A save the phone kept for later goes out under whoever is signed in now: on a shared phone that may be
	// someone else, and the work would become theirs. It waits for its author instead (nothing is read or saved).
	const sentFor = event.request.headers.get(SENT_FOR_HEADER);
	if (sentFor !== null && sentFor !== String(event.locals.person?.id ?? '')) {
		return plainError(SENT_FOR_OTHER_STATUS, t('error.sentForOther'), secure);
	}

	const response = await resolve(event, isClusterWorker ? { transformPageChunk: markWebSocketOnly } : undefined);
	securityHeaders(response, secure);
	if (event.locals.session && response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.set('cache-control', 'private, no-store');
	}
	return compressed(event.request, response);
};

const STATUS_MESSAGES: Record<number, Parameters<typeof t>[0]> = {
	403: 'error.403',
	404: 'error.404',
	413: 'error.413',
	429: 'error.429'
};

/** Unexpected errors: full detail to the log under an id, a generic Vietnamese message to the person. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status >= 500) console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	const key = STATUS_MESSAGES[status] ?? 'error.500';
	return { message: t(key), id };
};
