import type { RequestEvent } from '@sveltejs/kit';
import { t } from '../../i18n';

const BASE = 'http://same.invalid';

/**
 * Only paths on this site. The candidate is resolved the way a browser would resolve a Location header and
 * must stay on our origin: "//evil.example", "/\\evil.example" and "/\t/evil.example" (browsers drop tabs and
 * newlines) all leave it. Control characters and whitespace are refused outright, and the answer is
 * re-encoded so that no byte a header cannot carry reaches redirect().
 */
export function safeNextPath(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || /[\u0000-\u0020\u007f-\u009f\\]/.test(next)) return '/';
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE) return '/';
	return `${url.pathname}${url.search}${url.hash}`;
}

export function waitText(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	return seconds < 90 ? t('auth.wait.seconds', { n: seconds }) : t('auth.wait.minutes', { n: Math.ceil(seconds / 60) });
}

/** A 429's Retry-After header (whole seconds, at least one) and the same wait in words for the message. */
export function retryAfter(event: Pick<RequestEvent, 'setHeaders'>, ms: number): string {
	event.setHeaders({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });
	return waitText(ms);
}
