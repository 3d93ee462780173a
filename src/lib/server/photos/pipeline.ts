import { createHash } from 'node:crypto';
import sharp, { type SharpOptions } from 'sharp';
import { concurrencyLimit } from '../concurrency';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MAX_PIXELS = 40_000_000;
export const PHOTOS_PER_INITIATIVE = 8;
export const DISPLAY_WIDTH = 1600;
export const THUMB_WIDTH = 400;

export type PhotoProblem = 'too_large' | 'not_an_image' | 'unsupported_format' | 'too_many_pixels' | 'corrupt' | 'empty';
export type SniffedFormat = 'jpeg' | 'png' | 'webp';

export interface ProcessedPhoto {
	display: Buffer;
	thumb: Buffer;
	width: number;
	height: number;
	sha256: string;
	format: SniffedFormat;
}

export type PhotoResult = { ok: true; photo: ProcessedPhoto } | { ok: false; problem: PhotoProblem };

/**
 * failOn 'error' rather than sharp's default 'warning': some phone firmware (notably Samsung) writes JPEGs that
 * libjpeg decodes correctly but warns about ("Invalid SOS parameters for sequential JPEG", lovell/sharp#1578),
 * and members must be able to upload straight from the camera. 'error' still implies 'truncated', so a cut-off
 * upload is refused rather than saved with a grey lower half.
 */
const INPUT_OPTIONS: SharpOptions = { failOn: 'error', limitInputPixels: PHOTO_MAX_PIXELS };

/** 40 MP takes well under a second on one thread, so a decode still running after this is pathological input. */
const DECODE_TIMEOUT_SECONDS = 30;

const DISPLAY_QUALITY = 80;
const THUMB_QUALITY = 70;

/**
 * Each sharp job holds a libuv pool thread (4 by default) for its whole run, shared with argon2 and fs, and a
 * 40 MP decode can need ~160 MB. Two jobs leave half the pool free and bound peak memory; one libvips thread
 * per job keeps a single large upload from occupying both cores of the server while pages are being served.
 */
const limited = concurrencyLimit(2);
sharp.concurrency(1);
// Every upload is a different image, so libvips' operation cache would only hold on to memory.
sharp.cache(false);

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
	return [...text].map((c) => c.charCodeAt(0));
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');

/** Magic bytes only: a file name or declared type is whatever the client chose to send. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | null {
	if (startsWith(bytes, JPEG)) return 'jpeg';
	if (startsWith(bytes, PNG)) return 'png';
	if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
	return null;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const SVG_START = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype\s+svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s/>]/i;

/**
 * Image formats people do send (iPhone HEIC, GIFs, scans as TIFF/BMP, logos as SVG), recognised only so the
 * message can say "use JPEG, PNG or WebP" instead of "this is not a photo". Never decoded.
 */
function isOtherImageFormat(bytes: Uint8Array): boolean {
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return true;
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return true;
	if (startsWith(bytes, ascii('BM')) && BMP_HEADER_SIZES.has(bytes[14] ?? 0) && startsWith(bytes, [0, 0, 0], 15)) return true;
	if (startsWith(bytes, ascii('ftyp'), 4) && bytes.length >= 12) {
		return HEIF_BRANDS.has(String.fromCharCode(...bytes.subarray(8, 12)));
	}
	if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return true; // JPEG XL
	if (startsWith(bytes, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) return true; // JPEG 2000
	return SVG_START.test(new TextDecoder().decode(bytes.subarray(0, 1024)));
}

function isPixelLimitError(err: unknown): boolean {
	return err instanceof Error && err.message.includes('exceeds pixel limit');
}

const fitWithin = (side: number) => ({ width: side, height: side, fit: 'inside', withoutEnlargement: true }) as const;

async function reencode(input: Buffer, format: SniffedFormat): Promise<Omit<ProcessedPhoto, 'sha256' | 'format'> | null> {
	// libvips picks its decoder by sniffing too; checking it agrees catches a valid header glued to another body.
	const meta = await sharp(input, INPUT_OPTIONS).metadata();
	if (meta.format !== format) return null;

	// Decode once to oriented sRGB pixels at display size, then encode both sizes from them.
	// No keepExif/withMetadata anywhere: sharp's default drops EXIF (GPS included), XMP, IPTC and ICC.
	const { data, info } = await sharp(input, INPUT_OPTIONS)
		.timeout({ seconds: DECODE_TIMEOUT_SECONDS })
		.rotate()
		.resize(fitWithin(DISPLAY_WIDTH))
		.raw()
		.toBuffer({ resolveWithObject: true });
	const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
	const display = await sharp(data, raw).webp({ quality: DISPLAY_QUALITY }).toBuffer();
	const thumb = await sharp(data, raw).resize(fitWithin(THUMB_WIDTH)).webp({ quality: THUMB_QUALITY }).toBuffer();
	return { display, thumb, width: info.width, height: info.height };
}

function refuse(problem: PhotoProblem): PhotoResult {
	return { ok: false, problem };
}

/** Untrusted upload in, two metadata-free WebP files out; every expected failure is a result, not an exception. */
export async function processPhoto(bytes: Uint8Array): Promise<PhotoResult> {
	if (bytes.byteLength === 0) return refuse('empty');
	// Before any decoding, so an oversized upload costs nothing but the bytes already received.
	if (bytes.byteLength > PHOTO_MAX_BYTES) return refuse('too_large');
	const format = sniffFormat(bytes);
	if (!format) return refuse(isOtherImageFormat(bytes) ? 'unsupported_format' : 'not_an_image');

	const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	try {
		const encoded = await limited(() => reencode(input, format));
		if (!encoded) return refuse('corrupt');
		const sha256 = createHash('sha256').update(input).digest('hex');
		return { ok: true, photo: { ...encoded, sha256, format } };
	} catch (err) {
		// Anything else libvips rejects (bad markers, truncation, timeout) is a broken file from the user's view.
		return refuse(isPixelLimitError(err) ? 'too_many_pixels' : 'corrupt');
	}
}
