import { readMultipart } from './multipart';
import { CAMPAIGN_FILE_MAX_BYTES } from '../campaigns/service';
import { t } from '../../i18n';

export type CampaignUpload = { ok: true; text: string; ownerUnitId?: number } | { ok: false; status: 400 | 413; error: string };

/**
 * The campaign file from the import form: an uploaded .json file (at most 1 MB, valid UTF-8), or the text a
 * preview carried back in the `content` field; plus the owner the admin picked. Call it after authorizing.
 */
export async function readCampaignUpload(request: Request): Promise<CampaignUpload> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > CAMPAIGN_FILE_MAX_BYTES + 64 * 1024) return { ok: false, status: 413, error: t('campaignImportPage.tooLarge') };
	const read = await readMultipart(request, { files: 1, fileBytes: CAMPAIGN_FILE_MAX_BYTES, fileField: 'file' });
	if (!read.ok) return read.status === 413 ? { ok: false, status: 413, error: t('campaignImportPage.tooLarge') } : read;
	const owner = read.form.get('ownerUnitId');
	const ownerUnitId = typeof owner === 'string' && /^[1-9]\d{0,9}$/.test(owner) ? Number(owner) : undefined;
	const file = read.form.get('file');
	let bytes: Uint8Array | null = null;
	if (file instanceof File && file.size > 0) {
		const typeOk =
			file.type === '' || file.type === 'application/json' || file.type === 'text/json' || file.type === 'application/octet-stream';
		if (!/\.json$/i.test(file.name) || !typeOk) return { ok: false, status: 400, error: t('campaignImportPage.notJsonFile') };
		bytes = new Uint8Array(await file.arrayBuffer());
	} else {
		const content = read.form.get('content');
		if (typeof content === 'string' && content.trim()) return { ok: true, text: content, ownerUnitId };
		return { ok: false, status: 400, error: t('campaignImportPage.noFile') };
	}
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), ownerUnitId };
	} catch {
		return { ok: false, status: 400, error: t('campaignImportPage.notJsonFile') };
	}
}
