import { createHash } from 'node:crypto';
import { open, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Stored photo files: `<2 letters>/<24-letter id>-<size>.webp` (see photos/storage.ts); temp files start with a dot. */
const PHOTO_FILE = /^[a-z0-9]{2}\/([a-z0-9]{24})-(display|thumb)\.webp$/;

export function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
	const data = await readFile(path);
	return { sha256: sha256(data), bytes: data.length };
}

/** Writes and flushes a file: a backup that says it is complete has its bytes on the disk. */
export async function writeDurably(path: string, data: Buffer | string): Promise<void> {
	const file = await open(path, 'wx');
	try {
		await file.writeFile(data);
		await file.sync();
	} finally {
		await file.close();
	}
}

/** Flushes a directory's entries (a rename or a new file in it) to the disk. */
export async function syncDirectory(path: string): Promise<void> {
	const dir = await open(path, 'r');
	try {
		await dir.sync();
	} finally {
		await dir.close();
	}
}

/** Photo files under the uploads folder, as `/`-separated relative paths with the photo id; none when it does not exist. */
export async function photoFiles(uploadsDir: string): Promise<Array<{ path: string; photoId: string }>> {
	const entries = await readdir(uploadsDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
		if (err.code === 'ENOENT') return [] as string[];
		throw err;
	});
	const found: Array<{ path: string; photoId: string }> = [];
	for (const entry of entries) {
		const path = relative(uploadsDir, join(uploadsDir, entry)).split(sep).join('/');
		const match = PHOTO_FILE.exec(path);
		if (match) found.push({ path, photoId: match[1]! });
	}
	return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}
