import { readFile } from 'node:fs/promises';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { photos } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { processPhoto, PHOTOS_PER_INITIATIVE, type ProcessedPhoto } from '../photos/pipeline';
import { deletePhotoFiles, newPhotoId, photoPath, writePhotoFiles, type PhotoSize } from '../photos/storage';
import { isEditable, isPublic } from '../../domain/initiatives/workflow';
import { can } from '../../domain/permissions';
import { t } from '../../i18n';
import { countLivePhotos, loadForAction } from './service';
import { getInitiative, initiativeFacts, photosArePublic } from './queries';

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

export type PhotoResult = { ok: true; added: number } | { ok: false; error: string };

/** A display name for messages only: never used in a path. */
function shownName(name: string): string {
	const clean = name
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}<>]/gu, '')
		.slice(0, 60);
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

/** Photo files written to disk, waiting for their rows; `discard` deletes them if the rows never come. */
export interface StagedPhotos {
	ids: string[];
	photos: ProcessedPhoto[];
	discard(): Promise<void>;
}

/** Files first (slow, async), rows later in one transaction: a row never points at a missing file. */
export async function stagePhotos(uploadsDir: string, processed: ProcessedPhoto[]): Promise<StagedPhotos> {
	const ids = processed.map(() => newPhotoId());
	const discard = () => Promise.all(ids.map((id) => deletePhotoFiles(uploadsDir, id))).then(() => undefined);
	try {
		for (const [i, photo] of processed.entries()) await writePhotoFiles(uploadsDir, ids[i]!, photo);
	} catch (err) {
		await discard();
		throw err;
	}
	return { ids, photos: processed, discard };
}

/**
 * The rows of staged photos, inside the caller's transaction. False (and nothing written) when they would
 * take the initiative past its limit: counted here, so two uploads racing cannot pass eight together.
 */
export function insertPhotoRows(ctx: ServiceContext, initiativeId: number, staged: StagedPhotos): boolean {
	if (staged.ids.length === 0) return true;
	const initiative = getInitiative(ctx.db, initiativeId)!;
	if (countLivePhotos(ctx, initiative.id) + staged.ids.length > PHOTOS_PER_INITIATIVE) return false;
	const start = ctx.db
		.select({ next: sql<number>`coalesce(max(${photos.position}), -1) + 1` })
		.from(photos)
		.where(eq(photos.initiativeId, initiative.id))
		.get()!.next;
	staged.photos.forEach((photo, i) =>
		ctx.db
			.insert(photos)
			.values({
				id: staged.ids[i]!,
				initiativeId: initiative.id,
				position: start + i,
				sha256: photo.sha256,
				width: photo.width,
				height: photo.height,
				createdAt: ctx.now,
				createdBy: ctx.actor!.personId
			})
			.run()
	);
	recordAudit(ctx.db, ctx, {
		action: 'initiative.photos_add',
		targetType: 'initiative',
		targetId: initiative.id,
		unitId: initiative.unitId,
		after: { count: staged.ids.length }
	});
	return true;
}

/** Adds checked photos to an editable initiative (the fields untouched). */
export async function addPhotos(ctx: ServiceContext, initiativeId: number, uploads: Upload[], uploadsDir: string): Promise<PhotoResult> {
	const prepared = await preparePhotos(uploads);
	if (!prepared.ok) return prepared;
	const loaded = loadForAction(ctx, initiativeId);
	if (!loaded) return { ok: false, error: t('initiative.notFound') };
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	if (!isEditable(loaded.initiative.status)) return { ok: false, error: t('initiative.notEditable') };
	if (countLivePhotos(ctx, initiativeId) + prepared.photos.length > PHOTOS_PER_INITIATIVE) return { ok: false, error: t('photo.tooMany') };
	const staged = await stagePhotos(uploadsDir, prepared.photos);
	const stored = ctx.db.transaction(() => insertPhotoRows(ctx, initiativeId, staged));
	if (!stored) {
		await staged.discard();
		return { ok: false, error: t('photo.tooMany') };
	}
	return { ok: true, added: staged.ids.length };
}

/** Removing a photo deletes its files (it may show people); the row stays, marked removed, for the record. */
export async function removePhoto(ctx: ServiceContext, initiativeId: number, photoId: string, uploadsDir: string): Promise<boolean> {
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
		if (result.changes === 1)
			recordAudit(ctx.db, ctx, {
				action: 'initiative.photo_remove',
				targetType: 'initiative',
				targetId: initiativeId,
				unitId: loaded.initiative.unitId
			});
		return result.changes === 1;
	});
	if (removed) await deletePhotoFiles(uploadsDir, photoId);
	return removed;
}

/**
 * Whether this viewer may see a photo, and whether it is public. Public when its initiative is public and
 * its photos may be shown; otherwise only to those who may see the initiative's private parts. A private
 * photo the viewer may not see is "not found": its existence is itself private.
 */
export function photoAccess(ctx: ServiceContext, photoId: string): { found: false } | { found: true; public: boolean } {
	const photo = ctx.db.select().from(photos).where(eq(photos.id, photoId)).get();
	const initiative = photo && photo.removedAt === null ? getInitiative(ctx.db, photo.initiativeId) : undefined;
	if (!photo || !initiative) return { found: false };
	const open = isPublic(initiative.status) && photosArePublic(initiative);
	if (!open) {
		const facts = initiativeFacts(ctx.db, initiative.unitId, initiative.teamId, initiative.authorId, null, initiative.activityTypeId)!;
		if (!can(ctx.actor, 'initiative.viewPrivate', { kind: 'initiative', ...facts })) return { found: false };
	}
	return { found: true, public: open };
}

/** A stored photo's bytes, or null when its file is gone. */
export async function photoBytes(uploadsDir: string, photoId: string, size: PhotoSize): Promise<Buffer | null> {
	return readFile(photoPath(uploadsDir, photoId, size)).catch(() => null);
}
