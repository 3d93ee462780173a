import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { readMultipart } from '$lib/server/http/multipart';
import { confirmImport, previewImport, topUnitsForImport } from '$lib/server/imports/service';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '$lib/domain/imports/table';
import { t } from '$lib/i18n';

const UPLOAD_LIMITS = { files: 1, fileBytes: IMPORT_MAX_BYTES, fileField: 'file' };
const MB = IMPORT_MAX_BYTES / 1024 / 1024;

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	return { maxRows: IMPORT_MAX_ROWS.toLocaleString('vi-VN'), maxMb: MB, topUnits: topUnitsForImport(ctx) };
};

export const actions: Actions = {
	preview: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		// Refused before a byte of the body is read: only admins upload.
		authorize(ctx, 'admin.access');
		const body = await readMultipart(event.request, UPLOAD_LIMITS);
		if (!body.ok) return fail(body.status, { error: body.status === 413 ? t('import.tooLarge', { mb: MB }) : body.error });
		const file = body.form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: t('import.noFile') });
		const result = await previewImport(ctx, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
		if (!result.ok) return fail(400, { error: result.error });
		return { preview: result.preview };
	},
	confirm: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		const importId = String((await event.request.formData()).get('importId') ?? '').slice(0, 64);
		const result = await confirmImport(ctx, importId);
		if (!result.ok) return fail(409, { error: result.error, preview: result.preview ?? null });
		return { done: { importId: result.importId, ...result.counts } };
	}
};
