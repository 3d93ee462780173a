import type { RequestHandler } from './$types';
import { configuring } from '$lib/server/http/context';
import { exportCampaignFile } from '$lib/server/campaigns/service';

/** The campaign as a campaign file, to edit and import again. */
export const GET: RequestHandler = (event) => {
	const { ctx, campaign } = configuring(event);
	const file = exportCampaignFile(ctx, campaign.id)!;
	return new Response(JSON.stringify(file, null, '\t') + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${file.slug}.json"`,
			'cache-control': 'no-store'
		}
	});
};
