import type { RequestEvent } from '@sveltejs/kit';
import { t } from '../../i18n';

/** Only same-site paths: "//evil.example" and "https://..." would turn the login page into an open redirect. */
export function safeNextPath(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
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
