import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { photoAccess, photoBytes } from '$lib/server/initiatives/photos';
import type { PhotoSize } from '$lib/server/photos/storage';
import { t } from '$lib/i18n';

const SIZES: Record<string, PhotoSize> = { lon: 'display', nho: 'thumb' };
/** Seconds a browser or proxy may show a public photo without asking (a revoke reaches every copy after this). */
const PUBLIC_MAX_AGE = 60;

/**
 * Photos never sit in a public folder: each request is checked against the initiative's state and the
 * viewer's rights. A public photo stops being public when its initiative is revoked or a guardian's consent
 * is withdrawn, so copies may be kept only briefly: after PUBLIC_MAX_AGE every cache asks again with the
 * ETag and gets 304 while the photo is still public, 404 once it is not. Private ones are never stored.
 */
export const GET: RequestHandler = async (event) => {
	const { params, request } = event;
	const size = SIZES[params.size];
	if (!size || !/^[a-z0-9]{24}$/.test(params.id)) error(404, t('error.404'));
	const ctx = serviceContext(event);
	const access = photoAccess(ctx, params.id);
	if (!access.found) error(404, t('error.404'));
	const etag = `"${params.id}-${size}"`;
	const headers: Record<string, string> = {
		'content-type': 'image/webp',
		'x-content-type-options': 'nosniff',
		'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
		'content-disposition': `inline; filename="${params.id}.webp"`,
		'cache-control': access.public ? `public, max-age=${PUBLIC_MAX_AGE}, must-revalidate` : 'private, no-store',
		etag
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const body = await photoBytes(ctx.config.uploadsPath, params.id, size);
	if (!body) error(404, t('error.404'));
	return new Response(new Uint8Array(body), { headers });
};
