import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { photos } from '$lib/server/db/schema';
import { photoPath, type PhotoSize } from '$lib/server/photos/storage';
import { getInitiative, initiativeFacts, photosArePublic } from '$lib/server/initiatives/queries';
import { isPublic } from '$lib/domain/initiatives/workflow';
import { can } from '$lib/domain/permissions';
import { t } from '$lib/i18n';

const SIZES: Record<string, PhotoSize> = { lon: 'display', nho: 'thumb' };

/**
 * Photos never sit in a public folder: each request is checked against the initiative's state and the
 * viewer's rights. Public photos are cacheable forever (their id never changes content); private ones are not.
 */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	const size = SIZES[params.size];
	if (!size || !/^[a-z0-9]{24}$/.test(params.id)) error(404, t('error.404'));
	const { db, config } = getRuntime();
	const photo = db.select().from(photos).where(eq(photos.id, params.id)).get();
	const initiative = photo && photo.removedAt === null ? getInitiative(db, photo.initiativeId) : undefined;
	if (!photo || !initiative) error(404, t('error.404'));
	const open = isPublic(initiative.status) && photosArePublic(initiative);
	if (!open) {
		const facts = initiativeFacts(db, initiative.unitId, initiative.teamId, initiative.authorId)!;
		// Not found rather than forbidden: a private photo's existence is itself private.
		if (!can(locals.actor, 'initiative.viewPrivate', { kind: 'initiative', ...facts })) error(404, t('error.404'));
	}
	const etag = `"${photo.id}-${size}"`;
	const headers: Record<string, string> = {
		'content-type': 'image/webp',
		'x-content-type-options': 'nosniff',
		'content-security-policy': "sandbox; default-src 'none'",
		'content-disposition': `inline; filename="${photo.id}.webp"`,
		'cache-control': open ? 'public, max-age=31536000, immutable' : 'private, no-store',
		etag
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	let body: Buffer;
	try {
		body = await readFile(photoPath(config.uploadsPath, photo.id, size));
	} catch {
		error(404, t('error.404'));
	}
	return new Response(new Uint8Array(body), { headers });
};
