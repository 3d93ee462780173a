import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { explainScore } from '$lib/server/scoring/leaderboard-page';
import { shareCardResponse } from '$lib/server/share-card';
import { formatNumber } from '$lib/format';
import { t } from '$lib/i18n';

/** A rank's share card (og:image): the place, who holds it, on which board, and the QR code of its explain page. */
export const GET: RequestHandler = async (event) => {
	const board = event.url.searchParams.get('bang') ?? '';
	const id = Number(event.url.searchParams.get('id'));
	const explained = await explainScore(serviceContext(event), board, id);
	if (!explained || explained.rank === null) error(404, t('error.404'));
	return shareCardResponse({
		kicker: explained.campaign,
		title: t('share.rank', { rank: explained.rank }),
		name: explained.name,
		detail: `${explained.board} · ${formatNumber(explained.boardScore)} ${t('board.points')}`,
		url: `${event.url.origin}/bang-xep-hang/giai-thich?${new URLSearchParams({ bang: board, id: String(id) })}`
	});
};
