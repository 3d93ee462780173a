/**
 * Saves that failed for want of signal wait here, on the phone, until they can go. The service worker sends
 * them when the signal returns, even after the tab was closed (Background Sync, Chromium); any page of the app
 * sends what is left when it opens (every other browser). Each send is taken out of the outbox in one
 * transaction before it goes, so the page and the service worker never both send it.
 *
 * Shared by the page and the service worker: no DOM, no browser globals at import time.
 */
import { database } from './idb';
import { deleteDraft } from './drafts';
import { SENT_FOR_HEADER, SENT_FOR_OTHER_STATUS } from '$lib/outbox-contract';

export const OUTBOX_SYNC_TAG = 'tienphong-outbox';
/** The type of the service worker's message to open pages after it sent something. */
export const OUTBOX_MESSAGE = 'tienphong-outbox';

export interface OutboxEntry {
	id: string;
	/** Whose save it is: it goes out only under that person's session. */
	personId: number;
	/** The form action, path and query (`/sang-kien/moi?/create`). */
	action: string;
	/** The form's fields in order; photos as Files. */
	fields: Array<[string, string | Blob]>;
	/** The draft kept on the phone for the same form: deleted once the save went through. */
	draftKey: string;
	/** For the person: what it was ("Hỗ trợ cài VNeID ở bản Na Sang"). */
	title: string;
	queuedAt: number;
}

/** What became of a send, kept until a page of the app has told the person. */
export interface SendReport {
	id: string;
	personId: number;
	title: string;
	draftKey: string;
	outcome: 'sent' | 'refused';
	/** Where to look: the saved work, or the form that refused it (its draft is still on the phone). */
	location: string;
	at: number;
}

/** sent/refused end the send; retry means the signal is still too weak; wait means for its author to sign in. */
export type SendOutcome = { kind: 'sent'; location: string } | { kind: 'refused'; location: string } | { kind: 'retry' } | { kind: 'wait' };

const SIGN_IN_PATH = /^\/dang-nhap(\/|\?|$)/;

/** Reads SvelteKit's answer to a form action asked for JSON (`x-sveltekit-action`). */
export function outcomeOf(action: string, status: number, body: unknown): SendOutcome {
	const formPage = action.split('?')[0] || '/';
	if (status === SENT_FOR_OTHER_STATUS) return { kind: 'wait' };
	const result = body && typeof body === 'object' ? (body as { type?: unknown; location?: unknown }) : {};
	switch (result.type) {
		case 'redirect': {
			const location = typeof result.location === 'string' ? result.location : formPage;
			// Signed out meanwhile: the save waits for its author to sign in again.
			return SIGN_IN_PATH.test(location) ? { kind: 'wait' } : { kind: 'sent', location };
		}
		case 'success':
			return { kind: 'sent', location: formPage };
		case 'failure':
			return { kind: 'refused', location: formPage };
		default:
			// A server error may pass, and so may a weak signal's half answer or a hotspot's login page; a refusal
			// (too large, not allowed, gone) will not.
			return status >= 400 && status < 500 ? { kind: 'refused', location: formPage } : { kind: 'retry' };
	}
}

/** Random enough to name a send; crypto.randomUUID is missing on plain http (a phone on the LAN demo). */
export function newSendId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const store = database('tienphong-outbox', 1, { sends: { keyPath: 'id' }, reports: { keyPath: 'id' } });

export async function putInOutbox(entry: OutboxEntry): Promise<void> {
	await store.run('sends', 'readwrite', (sends) => sends.put(entry));
}

/**
 * Puts the form's latest words in place of a send still waiting; nothing when it is gone (already being sent): what
 * she typed after a save failed goes with it, whichever of the page or the service worker sends it.
 */
export async function replaceInOutbox(entry: OutboxEntry): Promise<void> {
	await store.run('sends', 'readwrite', (sends) => {
		const waiting = sends.getKey(entry.id);
		waiting.onsuccess = () => {
			if (waiting.result !== undefined) sends.put(entry);
		};
		return waiting;
	});
}

/** Takes one send out of the outbox; null when it is gone (sent by the service worker or another tab). */
export function takeFromOutbox(id: string): Promise<OutboxEntry | null> {
	return take<OutboxEntry>('sends', id);
}

function take<T>(storeName: string, id: string): Promise<T | null> {
	return store
		.run<T | undefined>(storeName, 'readwrite', (records) => {
			const request = records.get(id) as IDBRequest<T | undefined>;
			request.onsuccess = () => {
				if (request.result !== undefined) records.delete(id);
			};
			return request;
		})
		.then((found) => found ?? null);
}

async function all<T>(storeName: string): Promise<T[]> {
	return store.run<T[]>(storeName, 'readonly', (records) => records.getAll() as IDBRequest<T[]>);
}

/** What the person has not been told yet; each report is handed out once. */
export async function takeReports(personId: number): Promise<SendReport[]> {
	const mine = (await all<SendReport>('reports')).filter((report) => report.personId === personId);
	const taken = await Promise.all(mine.map((report) => take<SendReport>('reports', report.id)));
	return taken.filter((report): report is SendReport => report !== null);
}

export function takeReport(id: string): Promise<SendReport | null> {
	return take<SendReport>('reports', id);
}

/** Sends one save as its form would have, asking SvelteKit for the action's result as JSON. */
export async function send(entry: OutboxEntry, fetchFn: typeof fetch = fetch): Promise<SendOutcome> {
	const body = new FormData();
	for (const [name, value] of entry.fields) body.append(name, value);
	let response: Response;
	try {
		response = await fetchFn(entry.action, {
			method: 'POST',
			body,
			credentials: 'same-origin',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true', [SENT_FOR_HEADER]: String(entry.personId) }
		});
	} catch {
		return { kind: 'retry' };
	}
	const answer: unknown = await response.json().catch(() => null);
	return outcomeOf(entry.action, response.status, answer);
}

export interface Flushed {
	reports: SendReport[];
	/** Some sends met a signal still too weak and went back into the outbox. */
	retry: boolean;
}

/** Sends everything waiting (only one person's when given), oldest first. */
export async function flushOutbox(options: { personId?: number; fetchFn?: typeof fetch } = {}): Promise<Flushed> {
	const waiting = (await all<OutboxEntry>('sends'))
		.filter((entry) => options.personId === undefined || entry.personId === options.personId)
		.sort((a, b) => a.queuedAt - b.queuedAt);
	const reports: SendReport[] = [];
	let retry = false;
	for (const { id } of waiting) {
		const entry = await takeFromOutbox(id);
		if (!entry) continue;
		const outcome = await send(entry, options.fetchFn);
		if (outcome.kind === 'retry' || outcome.kind === 'wait') {
			await putInOutbox(entry);
			retry ||= outcome.kind === 'retry';
			continue;
		}
		if (outcome.kind === 'sent') await deleteDraft(entry.draftKey);
		const report: SendReport = {
			id: entry.id,
			personId: entry.personId,
			title: entry.title,
			draftKey: entry.draftKey,
			outcome: outcome.kind,
			location: outcome.location,
			at: Date.now()
		};
		await store.run('reports', 'readwrite', (records) => records.put(report));
		reports.push(report);
	}
	return { reports, retry };
}

interface SyncManager {
	register(tag: string): Promise<void>;
}

/** Whether this browser can send the outbox with every tab closed (Background Sync: Chromium). */
export function canSyncInBackground(): boolean {
	return typeof ServiceWorkerRegistration !== 'undefined' && 'sync' in ServiceWorkerRegistration.prototype;
}

/**
 * Asks the browser to wake the service worker when the signal returns. Waits for the service worker to be
 * active (on a first visit it may still be installing), so callers do not wait on it.
 */
export async function askForBackgroundSync(): Promise<void> {
	if (!canSyncInBackground() || !('serviceWorker' in navigator)) return;
	const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: SyncManager };
	await registration.sync?.register(OUTBOX_SYNC_TAG);
}

// ---------------------------------------------------------------------------------------------------------
// Pages

type ReportListener = (report: SendReport) => void;
const listeners = new Set<ReportListener>();
let hearingWorker = false;

/** Hears of every send's end, whether the service worker or a page sent it. Returns the way to stop. */
export function onSendReport(listener: ReportListener): () => void {
	if (!hearingWorker && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
		hearingWorker = true;
		navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
			const data = event.data as { type?: unknown; report?: SendReport } | null;
			if (data?.type === OUTBOX_MESSAGE && data.report) announce(data.report);
		});
	}
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function announce(report: SendReport): void {
	for (const listener of listeners) listener(report);
}
