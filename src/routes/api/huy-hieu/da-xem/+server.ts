import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { markBadgesSeen } from '$lib/server/scoring/badges';

/** The person closed their badge celebration: earlier awards are no longer news. (Origin is checked in hooks.) */
export const POST: RequestHandler = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	markBadgesSeen(ctx.db, actor.personId, ctx.now);
	return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
