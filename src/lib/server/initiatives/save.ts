import type { ServiceContext } from '../context';
import type { ProcessedPhoto } from '../photos/pipeline';
import { t } from '../../i18n';
import { insertPhotoRows, stagePhotos } from './photos';
import { createInitiative, takeStep, updateInitiative, type FieldErrors, type InitiativeInput, type StepResult } from './service';

export type SaveOutcome =
	{ ok: true; id: number; submitted: Extract<StepResult, { ok: true }> | null } | { ok: false; errors: FieldErrors };

/** Thrown inside the transaction to undo the fields when what follows them (photos, the submission) fails. */
class Undo extends Error {
	constructor(readonly errors: FieldErrors) {
		super('undo');
	}
}

/**
 * One form, one call: an initiative's fields and its new (already checked) photos are saved together or not
 * at all — a new initiative (`id` null) or an edit. With `submitRevision`, the same transaction then sends
 * it up for verification, so what is sent is exactly what was on the screen, never an older saved copy.
 * Photo files are written first; if the database part fails they are deleted again.
 */
export async function saveInitiative(
	ctx: ServiceContext,
	id: number | null,
	input: InitiativeInput,
	photos: ProcessedPhoto[],
	uploadsDir: string,
	opts: { submitRevision?: number } = {}
): Promise<SaveOutcome> {
	const staged = await stagePhotos(uploadsDir, photos);
	try {
		const saved = ctx.db.transaction((): SaveOutcome => {
			const result = id === null ? createInitiative(ctx, input) : updateInitiative(ctx, id, input);
			if (!result.ok) return result;
			if (!insertPhotoRows(ctx, result.id, staged)) throw new Undo({ photos: t('photo.tooMany') });
			if (opts.submitRevision === undefined) return { ok: true, id: result.id, submitted: null };
			const step = takeStep(ctx, result.id, 'submit', { reason: null, seenRevision: opts.submitRevision });
			if (!step.ok) throw new Undo({ _: t(step.error) });
			return { ok: true, id: result.id, submitted: step };
		});
		if (!saved.ok) await staged.discard();
		return saved;
	} catch (err) {
		await staged.discard();
		if (err instanceof Undo) return { ok: false, errors: err.errors };
		throw err;
	}
}
