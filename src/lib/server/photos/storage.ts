import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProcessedPhoto } from './pipeline';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_PATTERN = /^[a-z0-9]{24}$/;
const SIZES = ['display', 'thumb'] as const;

export type PhotoSize = (typeof SIZES)[number];

/** 24 characters of 32 letters: 120 bits from the CSPRNG, lower case so it is safe on case-insensitive disks. */
export function newPhotoId(): string {
	let out = '';
	for (const b of randomBytes(24)) out += ID_ALPHABET[b & 31];
	return out;
}

/** Ids reach here from URLs, so anything but the exact shape is refused before it can name a path. */
export function photoPath(uploadsDir: string, id: string, size: PhotoSize): string {
	if (!ID_PATTERN.test(id)) throw new Error('Invalid photo id');
	if (!SIZES.includes(size)) throw new Error('Invalid photo size');
	// Two-letter shards keep any one directory small enough to list and back up comfortably.
	return join(uploadsDir, id.slice(0, 2), `${id}-${size}.webp`);
}

/** Write, flush and rename in the same directory, so a reader sees either no file or the whole file. */
async function writeAtomically(path: string, data: Buffer): Promise<void> {
	const temp = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
	try {
		const file = await open(temp, 'wx');
		try {
			await file.writeFile(data);
			await file.sync();
		} finally {
			await file.close();
		}
		await rename(temp, path);
	} catch (err) {
		await rm(temp, { force: true });
		throw err;
	}
}

/** Both sizes or neither: a half-written pair is removed so the caller can simply report the failure. */
export async function writePhotoFiles(uploadsDir: string, id: string, photo: ProcessedPhoto): Promise<void> {
	const displayPath = photoPath(uploadsDir, id, 'display');
	await mkdir(dirname(displayPath), { recursive: true });
	try {
		await writeAtomically(photoPath(uploadsDir, id, 'thumb'), photo.thumb);
		await writeAtomically(displayPath, photo.display);
	} catch (err) {
		await deletePhotoFiles(uploadsDir, id);
		throw err;
	}
}

export async function deletePhotoFiles(uploadsDir: string, id: string): Promise<void> {
	await Promise.all(SIZES.map((size) => rm(photoPath(uploadsDir, id, size), { force: true })));
}
