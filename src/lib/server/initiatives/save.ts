import type { ServiceContext } from '../context';
import type { ProcessedPhoto } from '../photos/pipeline';
import { t } from '../../i18n';
import { insertPhotoRows, stagePhotos } from './photos';
import { createInitiative, updateInitiative, type FieldErrors, type InitiativeInput } from './service';

export type SaveOutcome = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** Thrown inside the transaction to undo the fields when the photos cannot follow them. */
class PhotosRefused extends Error {
	constructor(readonly errors: FieldErrors) {
		super('photos refused');
	}
}

/**
 * One form, one call: the fields and the new (already checked) photos of an initiative are saved together
 * or not at all — a new initiative (`id` null) or an edit. Photo files are written first; if the database
 * part fails they are deleted again.
 */
export async function saveInitiative(ctx: ServiceContext, id: number | null, input: InitiativeInput, photos: ProcessedPhoto[], uploadsDir: string): Promise<SaveOutcome> {
	const staged = await stagePhotos(uploadsDir, photos);
	try {
		const saved = ctx.db.transaction(() => {
			const result = id === null ? createInitiative(ctx, input) : updateInitiative(ctx, id, input);
			if (!result.ok) return result;
			if (!insertPhotoRows(ctx, result.id, staged)) throw new PhotosRefused({ photos: t('photo.tooMany') });
			return result;
		});
		if (!saved.ok) await staged.discard();
		return saved;
	} catch (err) {
		await staged.discard();
		if (err instanceof PhotosRefused) return { ok: false, errors: err.errors };
		throw err;
	}
}
