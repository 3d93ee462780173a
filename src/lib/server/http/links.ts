import type { RequestEvent } from '@sveltejs/kit';
import { getRuntime } from '../runtime';
import { qrDataUrl } from '../qr';

/**
 * A link to hand over (as text and as a QR code to scan from the admin's or leader's phone): on the public
 * origin when one is configured (behind a proxy), else on the address this request came in by.
 */
export async function shareableLink(event: Pick<RequestEvent, 'url'>, path: string): Promise<{ link: string; qr: string }> {
	const link = `${getRuntime().config.origin ?? event.url.origin}${path}`;
	return { link, qr: await qrDataUrl(link) };
}
