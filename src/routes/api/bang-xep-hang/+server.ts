import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { isWatchableBoard, liveSnapshot } from '$lib/server/realtime/live-boards';
import { t } from '$lib/i18n';
import { boardEtag } from '$lib/realtime/contract';

/**
 * A live board's snapshot: public, the same for everyone, so caches may keep it but must revalidate
 * (clients fetch it after a gap or a reconnect and usually get a 304).
 */
export const GET: RequestHandler = async (event) => {
	const { url, request } = event;
	const { db, boards } = serviceContext(event);
	const key = url.searchParams.get('bang') ?? '';
	if (!isWatchableBoard(db, key)) return json({ error: t('live.unknownBoard') }, { status: 404 });
	const snapshot = await liveSnapshot(db, boards, key);
	const etag = boardEtag(snapshot);
	const headers = { etag, 'cache-control': 'public, no-cache' };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return json(snapshot, { headers });
};
