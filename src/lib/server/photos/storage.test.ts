import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessedPhoto } from './pipeline';
import { deletePhotoFiles, newPhotoId, photoPath, writePhotoFiles } from './storage';

// The storage layer never looks inside the bytes, so stand-ins keep these tests free of image decoding.
const photo: ProcessedPhoto = {
	display: Buffer.from('display-bytes'),
	thumb: Buffer.from('thumb-bytes'),
	width: 1600,
	height: 1067,
	sha256: '0'.repeat(64),
	format: 'jpeg'
};

let uploadsDir: string;

beforeEach(async () => {
	uploadsDir = await mkdtemp(join(tmpdir(), 'tienphong-photos-'));
});

afterEach(async () => {
	await rm(uploadsDir, { recursive: true, force: true });
});

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

describe('newPhotoId', () => {
	it('makes 24 lower-case letters and digits, different every time', () => {
		const ids = new Set(Array.from({ length: 1000 }, newPhotoId));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]{24}$/);
	});
});

describe('photoPath', () => {
	it('shards by the first two characters', () => {
		const id = 'ab3456789012345678901234';
		expect(photoPath('/srv/uploads', id, 'display')).toBe(`/srv/uploads/ab/${id}-display.webp`);
		expect(photoPath('/srv/uploads', id, 'thumb')).toBe(`/srv/uploads/ab/${id}-thumb.webp`);
	});

	it('refuses ids that could escape the directory or are not ours', () => {
		const refused = [
			'../../../etc/passwd',
			'..',
			'ab/../../../../etc/passw',
			'AB3456789012345678901234',
			'ab345678901234567890123',
			'ab34567890123456789012345',
			'ab345678901234567890123\0',
			'ab34567890123456789012.\\',
			''
		];
		for (const id of refused) expect(() => photoPath(uploadsDir, id, 'display'), JSON.stringify(id)).toThrow();
	});

	it('refuses a size that is not one of ours', () => {
		expect(() => photoPath(uploadsDir, newPhotoId(), '../x' as 'thumb')).toThrow();
	});
});

describe('writePhotoFiles and deletePhotoFiles', () => {
	it('writes both sizes where photoPath says, leaving no temporary files', async () => {
		const id = newPhotoId();
		await writePhotoFiles(uploadsDir, id, photo);
		expect(await readFile(photoPath(uploadsDir, id, 'display'))).toEqual(photo.display);
		expect(await readFile(photoPath(uploadsDir, id, 'thumb'))).toEqual(photo.thumb);
		expect((await readdir(join(uploadsDir, id.slice(0, 2)))).sort()).toEqual([`${id}-display.webp`, `${id}-thumb.webp`]);
	});

	it('replaces existing files whole', async () => {
		const id = newPhotoId();
		await writePhotoFiles(uploadsDir, id, photo);
		await writePhotoFiles(uploadsDir, id, { ...photo, display: Buffer.from('v2') });
		expect((await readFile(photoPath(uploadsDir, id, 'display'))).toString()).toBe('v2');
	});

	it('deletes both sizes', async () => {
		const id = newPhotoId();
		await writePhotoFiles(uploadsDir, id, photo);
		await deletePhotoFiles(uploadsDir, id);
		expect(await exists(photoPath(uploadsDir, id, 'display'))).toBe(false);
		expect(await exists(photoPath(uploadsDir, id, 'thumb'))).toBe(false);
	});

	it('does not mind deleting a photo that was never written', async () => {
		await expect(deletePhotoFiles(uploadsDir, newPhotoId())).resolves.toBeUndefined();
	});

	it('refuses to write or delete under a hostile id', async () => {
		await expect(writePhotoFiles(uploadsDir, '../escaped', photo)).rejects.toThrow();
		await expect(deletePhotoFiles(uploadsDir, '../../etc')).rejects.toThrow();
		expect(await readdir(uploadsDir)).toEqual([]);
	});
});
