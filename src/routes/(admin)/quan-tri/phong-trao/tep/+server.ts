import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { exportCurrentCampaign } from '$lib/server/campaigns/service';

/** The campaign as a campaign file, to edit and import again. */
export const GET: RequestHandler = (event) => {
	requireActor(event);
	const file = exportCurrentCampaign(serviceContext(event))!;
	return new Response(JSON.stringify(file, null, '\t') + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${file.slug}.json"`,
			'cache-control': 'no-store'
		}
	});
};
