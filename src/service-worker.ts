/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { flushOutbox, OUTBOX_MESSAGE, OUTBOX_SYNC_TAG } from '$lib/client/outbox';

/**
 * For phones on weak networks: the app's files come from the phone, and the public pages a person last
 * opened (the boards above all) are kept so that a reload without signal shows them, not the browser's
 * error page. Pages always come from the network first; the kept copy only answers when it cannot.
 * Saves that failed for want of signal go out from here when it returns, even with every tab closed.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `assets-${version}`;
const PAGES = `pages-${version}`;
/** Pages worth keeping for offline reading: public, and what a member looks at in the field. */
const KEPT_PAGES = /^\/(bang-xep-hang|sang-kien(\/\d+)?|cach-tinh-diem|huy-hieu|khen-thuong|don-vi(\/\d+)?|so-lieu)?\/?$/;
/** Kept at install, so even a first visit without signal later finds them. */
const START_PAGES = ['/', '/bang-xep-hang'];
/** On a weak signal a page that has not started arriving by then is answered from the kept copy. */
const NETWORK_PATIENCE_MS = 4000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(ASSETS)).addAll([...build, ...files]);
			// Best effort: a start page that cannot be fetched now is kept on the first visit instead.
			const pages = await caches.open(PAGES);
			await Promise.all(START_PAGES.map((path) => pages.add(path).catch(() => undefined)));
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== ASSETS && key !== PAGES) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

async function pageFromNetworkOrKept(request: Request): Promise<Response> {
	const pages = await caches.open(PAGES);
	const network = fetch(request).then(async (response) => {
		if (response.ok && response.type === 'basic') await pages.put(request, response.clone());
		return response;
	});
	const kept = await pages.match(request, { ignoreVary: true });
	if (!kept) return network.catch(() => offlinePage());
	const slow = new Promise<Response>((resolve) => setTimeout(() => resolve(kept), NETWORK_PATIENCE_MS));
	return Promise.race([network.catch(() => kept), slow]);
}

/** What a page never opened before says without signal (no script, no style file needed). */
function offlinePage(): Response {
	const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mất kết nối · Tiên Phong</title></head><body style="font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a">
<header style="background:#0b4ea2;color:#fff;padding:14px 16px;font-weight:700">Tiên Phong</header>
<main style="padding:16px"><h1 style="font-size:1.4rem">Mất kết nối</h1>
<p>Trang này chưa được lưu trên máy. Khi có mạng, hãy tải lại trang.</p>
<p><a href="/bang-xep-hang" style="color:#0b4ea2">Xem bảng xếp hạng đã lưu</a></p></main></body></html>`;
	return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/dang-xuat') {
		// Signing out of a shared phone leaves none of that person's pages behind.
		event.waitUntil(caches.delete(PAGES));
		return;
	}
	if (request.method !== 'GET') return;
	if (url.pathname.startsWith('/_app/immutable/') || files.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate' && KEPT_PAGES.test(url.pathname)) event.respondWith(pageFromNetworkOrKept(request));
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

sw.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(sendOutbox());
});

async function sendOutbox(): Promise<void> {
	const { reports, retry } = await flushOutbox();
	// An open page says so at once (and takes the report); otherwise the next page opened does.
	for (const client of await sw.clients.matchAll({ type: 'window' }))
		for (const report of reports) client.postMessage({ type: OUTBOX_MESSAGE, report });
	// Rejecting asks the browser to try again later, with its own back-off.
	if (retry) throw new Error('outbox: the signal is still too weak for some saves');
}
