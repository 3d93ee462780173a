import { and, eq } from 'drizzle-orm';
import { initiatives } from '../db/schema';
import type { ServiceContext } from '../context';
import type { ProcessedPhoto } from '../photos/pipeline';
import { t } from '../../i18n';
import { insertPhotoRows, stagePhotos } from './photos';
import { createInitiative, takeStep, updateInitiative, type FieldErrors, type InitiativeInput, type StepResult } from './service';

export type SaveOutcome =
	{ ok: true; id: number; submitted: Extract<StepResult, { ok: true }> | null } | { ok: false; errors: FieldErrors };

/** Thrown inside the transaction when the save was made already: its photos are not kept twice. */
class Repeated extends Error {
	constructor(readonly id: number) {
		super('repeated save');
	}
}

/** The work this person's form already made under this send key, if any. */
function madeBefore(ctx: ServiceContext, sendKey: string): number | null {
	const authorId = ctx.actor?.personId;
	if (authorId === undefined) return null;
	return (
		ctx.db
			.select({ id: initiatives.id })
			.from(initiatives)
			.where(and(eq(initiatives.authorId, authorId), eq(initiatives.sendKey, sendKey)))
			.get()?.id ?? null
	);
}

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
	opts: { submitRevision?: number; sendKey?: string | null } = {}
): Promise<SaveOutcome> {
	const staged = await stagePhotos(uploadsDir, photos);
	try {
		const saved = ctx.db.transaction((): SaveOutcome => {
			const made = id === null && opts.sendKey ? madeBefore(ctx, opts.sendKey) : null;
			if (made !== null) throw new Repeated(made);
			const result = id === null ? createInitiative(ctx, input) : updateInitiative(ctx, id, input);
			if (!result.ok) return result;
			if (id === null && opts.sendKey) ctx.db.update(initiatives).set({ sendKey: opts.sendKey }).where(eq(initiatives.id, result.id)).run();
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
		if (err instanceof Repeated) return { ok: true, id: err.id, submitted: null };
		throw err;
	}
}
