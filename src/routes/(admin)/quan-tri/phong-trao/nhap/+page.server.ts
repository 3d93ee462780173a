import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { readCampaignUpload } from '$lib/server/http/campaign-upload';
import { authorizeCampaignImport, importCampaignText, ownerChoices } from '$lib/server/campaigns/service';
import { t } from '$lib/i18n';

/** Shipped files are 14-20 KB; a file this small rides back in the preview so confirming needs no second upload. */
const CARRY_MAX_BYTES = 60_000;

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	authorizeCampaignImport(ctx);
	return { owners: ownerChoices(ctx) };
};

/** Preview and import share everything but the last step: the check, then a rolled-back or a real import. */
async function run(event: Parameters<Actions[string]>[0], preview: boolean) {
	const ctx = serviceContext(event);
	// Who may import is settled before a byte of the upload is read.
	authorizeCampaignImport(ctx);
	const upload = await readCampaignUpload(event.request);
	if (!upload.ok) return fail(upload.status, { error: upload.error });
	const result = importCampaignText(ctx, upload.text, { ownerUnitId: upload.ownerUnitId, preview });
	const ownerUnitId = upload.ownerUnitId === undefined ? '' : String(upload.ownerUnitId);
	if (!result.ok) return fail(400, { errors: result.errors, ownerUnitId });
	const { summary, plan, changes, created } = result;
	if (!preview) return { imported: t('campaignImportPage.imported', { name: plan.name }), summary, changes };
	return {
		preview: { summary, plan, changes, created },
		content: new TextEncoder().encode(upload.text).length <= CARRY_MAX_BYTES ? upload.text : null,
		ownerUnitId
	};
}

export const actions: Actions = {
	preview: async (event) => {
		requireActor(event);
		return run(event, true);
	},
	import: async (event) => {
		requireActor(event);
		return run(event, false);
	}
};
