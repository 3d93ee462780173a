import { and, eq, isNull, sql } from 'drizzle-orm';
import { photos } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/guard';
import { recordAudit } from '../audit';
import { getRuntime } from '../runtime';
import { processPhoto, PHOTOS_PER_INITIATIVE, type ProcessedPhoto } from '../photos/pipeline';
import { deletePhotoFiles, newPhotoId, writePhotoFiles } from '../photos/storage';
import { isEditable } from '../../domain/initiatives/workflow';
import { t } from '../../i18n';
import { countLivePhotos, loadForAction } from './service';

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

export type PhotoResult = { ok: true; added: number } | { ok: false; error: string };

/** A display name for messages only: never used in a path. */
function shownName(name: string): string {
	const clean = name.normalize('NFC').replace(/[\p{Cc}\p{Cf}<>]/gu, '').slice(0, 60);
	return clean || 'ảnh';
}

export type Prepared = { ok: true; photos: ProcessedPhoto[] } | { ok: false; error: string };

/**
 * Checks and re-encodes every file before anything is stored, so one bad file in a batch refuses the batch
 * and leaves the initiative (and, on the create page, the database) exactly as it was.
 */
export async function preparePhotos(uploads: Upload[]): Promise<Prepared> {
	if (uploads.length > PHOTOS_PER_INITIATIVE) return { ok: false, error: t('photo.tooMany') };
	const photos: ProcessedPhoto[] = [];
	for (const upload of uploads) {
		const result = await processPhoto(upload.bytes);
		if (!result.ok) return { ok: false, error: t(`photo.${result.problem}`, { name: shownName(upload.name) }) };
		photos.push(result.photo);
	}
	return { ok: true, photos };
}

export async function storePhotos(ctx: ServiceContext, initiativeId: number, processed: ProcessedPhoto[], uploadsDir = getRuntime().config.uploadsPath): Promise<PhotoResult> {
	const loaded = loadForAction(ctx, initiativeId);
	if (!loaded) return { ok: false, error: t('initiative.notFound') };
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	if (!isEditable(loaded.initiative.status)) return { ok: false, error: t('initiative.notEditable') };
	if (processed.length === 0) return { ok: true, added: 0 };
	if (countLivePhotos(ctx, initiativeId) + processed.length > PHOTOS_PER_INITIATIVE) return { ok: false, error: t('photo.tooMany') };
	const ids = processed.map(() => newPhotoId());
	try {
		for (const [i, photo] of processed.entries()) await writePhotoFiles(uploadsDir, ids[i]!, photo);
		const added = ctx.db.transaction(() => {
			// Counted again inside the transaction: two uploads racing must not pass eight together.
			if (countLivePhotos(ctx, initiativeId) + processed.length > PHOTOS_PER_INITIATIVE) return null;
			const start = ctx.db
				.select({ next: sql<number>`coalesce(max(${photos.position}), -1) + 1` })
				.from(photos)
				.where(eq(photos.initiativeId, initiativeId))
				.get()!.next;
			processed.forEach((photo, i) =>
				ctx.db
					.insert(photos)
					.values({ id: ids[i]!, initiativeId, position: start + i, sha256: photo.sha256, width: photo.width, height: photo.height, createdAt: ctx.now, createdBy: ctx.actor!.personId })
					.run()
			);
			recordAudit(ctx.db, ctx, { action: 'initiative.photos_add', targetType: 'initiative', targetId: initiativeId, unitId: loaded.initiative.unitId, after: { count: processed.length } });
			return processed.length;
		});
		if (added === null) {
			await Promise.all(ids.map((id) => deletePhotoFiles(uploadsDir, id)));
			return { ok: false, error: t('photo.tooMany') };
		}
		return { ok: true, added };
	} catch (err) {
		await Promise.all(ids.map((id) => deletePhotoFiles(uploadsDir, id)));
		throw err;
	}
}

export async function addPhotos(ctx: ServiceContext, initiativeId: number, uploads: Upload[], uploadsDir = getRuntime().config.uploadsPath): Promise<PhotoResult> {
	const prepared = await preparePhotos(uploads);
	if (!prepared.ok) return prepared;
	return storePhotos(ctx, initiativeId, prepared.photos, uploadsDir);
}

/** Removing a photo deletes its files (it may show people); the row stays, marked removed, for the record. */
export async function removePhoto(ctx: ServiceContext, initiativeId: number, photoId: string, uploadsDir = getRuntime().config.uploadsPath): Promise<boolean> {
	const loaded = loadForAction(ctx, initiativeId);
	if (!loaded) return false;
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	if (!isEditable(loaded.initiative.status)) return false;
	const removed = ctx.db.transaction((tx) => {
		const result = tx
			.update(photos)
			.set({ removedAt: ctx.now })
			.where(and(eq(photos.id, photoId), eq(photos.initiativeId, initiativeId), isNull(photos.removedAt)))
			.run();
		if (result.changes === 1) recordAudit(ctx.db, ctx, { action: 'initiative.photo_remove', targetType: 'initiative', targetId: initiativeId, unitId: loaded.initiative.unitId });
		return result.changes === 1;
	});
	if (removed) await deletePhotoFiles(uploadsDir, photoId);
	return removed;
}
