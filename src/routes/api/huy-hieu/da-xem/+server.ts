import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth/guard';
import { markBadgesSeen } from '$lib/server/scoring/badges';

/** The person closed their badge celebration: earlier awards are no longer news. (Origin is checked in hooks.) */
export const POST: RequestHandler = (event) => {
	const actor = requireActor(event);
	markBadgesSeen(getRuntime().db, actor.personId, Date.now());
	return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
