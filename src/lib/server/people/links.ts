import { getRuntime } from '../runtime';
import { qrDataUrl } from '../qr';

/** The one-time link an admin hands over, as text and as a QR code to scan from the admin's phone. */
export async function passwordLink(requestUrl: URL, token: string): Promise<{ link: string; qr: string }> {
	const origin = getRuntime().config.origin ?? requestUrl.origin;
	const link = `${origin}/dat-mat-khau/${token}`;
	return { link, qr: await qrDataUrl(link) };
}
