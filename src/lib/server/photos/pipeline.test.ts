import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_WIDTH, PHOTO_MAX_BYTES, THUMB_WIDTH, processPhoto, sniffFormat, type PhotoProblem, type ProcessedPhoto } from './pipeline';

// Fixtures are drawn by sharp itself so no binary files live in the repository.
function solid(width: number, height: number, channels: 3 | 4 = 3) {
	return sharp({ create: { width, height, channels, background: { r: 40, g: 160, b: 90, alpha: 0.6 } } });
}

/** Noise compresses like a real photo, so cutting the file in half really cuts into the scan data. */
function noisy(width: number, height: number) {
	return sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

/** Deterministic "random" bytes: a lucky first byte must not turn into a flaky magic number. */
function pseudoRandomBytes(length: number, seed = 12345): Buffer {
	const out = Buffer.alloc(length);
	let state = seed;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

async function accepted(bytes: Uint8Array): Promise<ProcessedPhoto> {
	const result = await processPhoto(bytes);
	if (!result.ok) throw new Error(`expected the photo to be accepted, got ${result.problem}`);
	return result.photo;
}

async function problemOf(bytes: Uint8Array): Promise<PhotoProblem | 'accepted'> {
	const result = await processPhoto(bytes);
	return result.ok ? 'accepted' : result.problem;
}

let phoneJpeg: Buffer;
let png: Buffer;
let webp: Buffer;

beforeAll(async () => {
	// What a phone sends: a landscape sensor image tagged "rotate 90° to view", with camera and GPS EXIF and XMP.
	phoneJpeg = await noisy(3000, 2000)
		.jpeg({ quality: 85 })
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Make: 'TienPhongTestPhone', Model: 'TP-1' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' }
		})
		.withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
		.toBuffer();
	png = await solid(800, 600, 4).png().toBuffer();
	webp = await solid(2400, 1800).webp({ quality: 90 }).toBuffer();
});

describe('sniffFormat', () => {
	it('recognises JPEG, PNG and WebP by their magic bytes', () => {
		expect(sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
		expect(sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
		expect(sniffFormat(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
	});
	it('refuses everything else, including near misses and short buffers', () => {
		expect(sniffFormat(new Uint8Array([]))).toBeNull();
		expect(sniffFormat(new Uint8Array([0xff, 0xd8]))).toBeNull();
		expect(sniffFormat(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
		expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBeNull();
		expect(sniffFormat(Buffer.from('GIF89a'))).toBeNull();
		expect(sniffFormat(Buffer.from(' \xff\xd8\xff', 'latin1'))).toBeNull();
	});
});

describe('processPhoto: accepted photos', () => {
	it('orients a phone JPEG, shrinks it to both sizes as WebP and drops every trace of metadata', async () => {
		const input = await sharp(phoneJpeg).metadata();
		expect(input.orientation).toBe(6);
		expect(input.exif?.includes('TienPhongTestPhone')).toBe(true);
		// The GPS IFD pointer tag 0x8825, in either byte order: the fixture really carries a location.
		expect(input.exif?.includes(Buffer.from([0x88, 0x25])) || input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
		expect(input.xmp).toBeDefined();

		const photo = await accepted(phoneJpeg);
		expect(photo.format).toBe('jpeg');
		expect(photo.sha256).toBe(sha256(phoneJpeg));
		// Orientation 6 turns the 3000×2000 sensor image into a portrait.
		expect([photo.width, photo.height]).toEqual([1067, DISPLAY_WIDTH]);

		for (const [bytes, side] of [
			[photo.display, DISPLAY_WIDTH],
			[photo.thumb, THUMB_WIDTH]
		] as const) {
			const out = await sharp(bytes).metadata();
			expect(out.format).toBe('webp');
			expect(Math.max(out.width, out.height)).toBe(side);
			expect(out.height).toBeGreaterThan(out.width);
			expect(out.exif).toBeUndefined();
			expect(out.xmp).toBeUndefined();
			expect(out.iptc).toBeUndefined();
			expect(out.icc).toBeUndefined();
			expect(out.orientation).toBeUndefined();
		}
		const display = await sharp(photo.display).metadata();
		expect([display.width, display.height]).toEqual([photo.width, photo.height]);
	});

	it('accepts a PNG with transparency and never enlarges a small one', async () => {
		const photo = await accepted(png);
		expect(photo.format).toBe('png');
		expect([photo.width, photo.height]).toEqual([800, 600]);
		const thumb = await sharp(photo.thumb).metadata();
		expect([thumb.format, thumb.width, thumb.height, thumb.hasAlpha]).toEqual(['webp', 400, 300, true]);
	});

	it('accepts a WebP', async () => {
		const photo = await accepted(webp);
		expect(photo.format).toBe('webp');
		expect([photo.width, photo.height]).toEqual([1600, 1200]);
		expect(photo.sha256).toBe(sha256(webp));
	});

	it('accepts a Uint8Array view into a larger buffer and hashes only the view', async () => {
		const padded = Buffer.concat([Buffer.from('junk'), png, Buffer.from('junk')]);
		const view = new Uint8Array(padded.buffer, padded.byteOffset + 4, png.length);
		expect((await accepted(view)).sha256).toBe(sha256(png));
	});
});

describe('processPhoto: refused files', () => {
	it('maps files that are not photos to the right problem, whatever they would have been named', async () => {
		const heicLike = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), pseudoRandomBytes(64)]);
		const gif = await solid(20, 20).gif().toBuffer();
		const cases: Array<[string, Uint8Array, PhotoProblem]> = [
			['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'not_an_image'],
			[
				'SVG uploaded as photo.jpg',
				Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
				'unsupported_format'
			],
			[
				'SVG with an XML prolog and BOM',
				Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
				'unsupported_format'
			],
			['HTML', Buffer.from('<!doctype html><html><body><script>alert(1)</script><svg></svg></body></html>'), 'not_an_image'],
			['GIF', gif, 'unsupported_format'],
			['HEIC', heicLike, 'unsupported_format'],
			['ZIP', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pseudoRandomBytes(100)]), 'not_an_image'],
			['random bytes', pseudoRandomBytes(4096), 'not_an_image'],
			['empty file', new Uint8Array(0), 'empty']
		];
		for (const [name, bytes, problem] of cases) {
			expect(await problemOf(bytes), name).toBe(problem);
		}
	});

	it('refuses a 60 megapixel PNG from its header, without decoding it', async () => {
		const huge = await sharp({ create: { width: 10000, height: 6000, channels: 3, background: '#fff' } })
			.png({ compressionLevel: 9 })
			.toBuffer();
		expect(huge.length).toBeLessThan(PHOTO_MAX_BYTES);
		const started = performance.now();
		expect(await problemOf(huge)).toBe('too_many_pixels');
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('refuses one byte over 10 MB before looking at the content', async () => {
		const tooBig = Buffer.alloc(PHOTO_MAX_BYTES + 1);
		phoneJpeg.copy(tooBig);
		const started = performance.now();
		expect(await problemOf(tooBig)).toBe('too_large');
		expect(performance.now() - started).toBeLessThan(50);
	});

	it('lets exactly 10 MB through to the decoder', async () => {
		const atLimit = Buffer.alloc(PHOTO_MAX_BYTES);
		Buffer.from([0xff, 0xd8, 0xff]).copy(atLimit);
		expect(await problemOf(atLimit)).toBe('corrupt');
	});

	it('refuses a truncated JPEG as corrupt', async () => {
		// failOn 'error' includes the 'truncated' level: a half-uploaded photo is refused, not stored half grey.
		expect(await problemOf(phoneJpeg.subarray(0, Math.floor(phoneJpeg.length / 2)))).toBe('corrupt');
	});

	it('refuses a valid header glued to another format as corrupt', async () => {
		const jpegMagic = Buffer.from([0xff, 0xd8, 0xff]);
		const pngMagic = png.subarray(0, 8);
		expect(await problemOf(Buffer.concat([jpegMagic, png])), 'JPEG header, PNG body').toBe('corrupt');
		expect(await problemOf(Buffer.concat([pngMagic, phoneJpeg])), 'PNG header, JPEG body').toBe('corrupt');
		const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
		expect(await problemOf(Buffer.concat([jpegMagic, svg])), 'JPEG header, SVG body').toBe('corrupt');
		const riff = Buffer.from('RIFF\x00\x01\x00\x00WEBP', 'latin1');
		expect(await problemOf(Buffer.concat([riff, phoneJpeg])), 'WebP header, JPEG body').toBe('corrupt');
	});
});

describe('processPhoto: concurrency', () => {
	it('processes six simultaneous uploads, at most two in libvips at any moment', async () => {
		const midSize = await noisy(2400, 1600).jpeg({ quality: 85 }).toBuffer();
		let peak = 0;
		const sampler = setInterval(() => (peak = Math.max(peak, sharp.counters().process)), 1);
		try {
			const results = await Promise.all(Array.from({ length: 6 }, () => processPhoto(midSize)));
			for (const result of results) {
				expect(result.ok).toBe(true);
				if (result.ok) expect([result.photo.width, result.photo.height, result.photo.sha256]).toEqual([1600, 1067, sha256(midSize)]);
			}
		} finally {
			clearInterval(sampler);
		}
		expect(peak).toBeGreaterThan(0);
		expect(peak).toBeLessThanOrEqual(2);
	});
});
