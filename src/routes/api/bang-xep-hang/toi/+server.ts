import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { isWatchableBoard } from '$lib/server/realtime/live-boards';
import { mySubject } from '$lib/server/scoring/my-subject';
import { subjectNames } from '$lib/server/scoring/boards';
import { parseBoardKey } from '$lib/domain/scoring/boards';
import { t } from '$lib/i18n';

/** The signed-in person's own row and neighbours on a board: personal, so never cached or broadcast. */
export const GET: RequestHandler = async (event) => {
	const { url, locals } = event;
	const headers = { 'cache-control': 'private, no-store' };
	const { db, boards } = serviceContext(event);
	const key = url.searchParams.get('bang') ?? '';
	if (!isWatchableBoard(db, key)) return json({ error: t('live.unknownBoard') }, { status: 404, headers });
	const spec = parseBoardKey(key)!;
	const subjectId = mySubject(db, locals.actor?.personId ?? null, spec.subjectType);
	if (subjectId === null) return json({ mine: null, around: [] }, { headers });
	const [mine, around] = await Promise.all([boards.row(key, String(subjectId)), boards.around(key, String(subjectId), 3)]);
	const names = subjectNames(
		db,
		spec.subjectType,
		around.map((r) => Number(r.subjectId))
	);
	const named = (r: { subjectId: string; score: number; rank: number }) => {
		const id = Number(r.subjectId);
		return { id, name: names.get(id)?.name ?? `#${id}`, detail: names.get(id)?.detail ?? null, score: r.score, rank: r.rank };
	};
	return json({ mine: mine ? named(mine) : null, subjectId, around: around.map(named) }, { headers });
};
