/**
 * On every page of a signed-in person: tells her what became of saves that waited on the phone for a signal
 * (a toast each, once), and sends what is still waiting when the page opens or the signal returns — the only
 * way it goes in browsers without Background Sync. Loaded after the page (see the root layout).
 */
import { t } from '$lib/i18n';
import { toasts } from './toasts.svelte';
import { announce, flushOutbox, onSendReport, takeReport, takeReports, type SendReport } from './outbox';

function tell(report: SendReport): void {
	if (report.outcome === 'sent') toasts.push(t('outbox.sent', { title: report.title }), 'good', 10_000);
	else toasts.push(t('outbox.refused', { title: report.title }), 'info', 15_000);
}

let startedFor: number | null = null;

export function startOutboxNews(personId: number): void {
	if (startedFor === personId) return;
	startedFor = personId;
	// Whoever takes a report tells it, so two open tabs do not both say so.
	onSendReport((report) => {
		if (report.personId !== personId) return;
		void takeReport(report.id).then((taken) => taken && tell(taken));
	});
	const sendWaiting = async () => {
		if (!navigator.onLine) return;
		const { reports } = await flushOutbox({ personId });
		for (const report of reports) announce(report);
	};
	void (async () => {
		for (const report of await takeReports(personId)) tell(report);
		await sendWaiting();
	})().catch((error: unknown) => console.warn('outbox: could not read what waits on this phone', error));
	window.addEventListener('online', () => void sendWaiting().catch(() => undefined));
}
