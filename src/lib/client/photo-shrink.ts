/**
 * Phone cameras produce 3-12 MB photos; over 3G in the mountains that is minutes per upload, and the server
 * re-encodes to a much smaller size anyway. Shrinking on the device first saves the member's data and time.
 *
 * Re-encoding through a canvas also drops EXIF metadata, GPS position included. That is a side effect, not
 * the privacy guarantee: the server strips metadata from whatever it receives.
 *
 * Browser-only, but nothing runs at import time, so server-rendered components may import it.
 */

export interface ShrinkOptions {
	maxSide: number;
	quality: number;
}

export const defaultShrinkOptions: ShrinkOptions = { maxSide: 1600, quality: 0.85 };

/** Below this, a photo whose sides already fit is cheaper to send as is than to decode and re-encode. */
const smallEnoughBytes = 1.5 * 1024 * 1024;

export function resolveShrinkOptions(options: Partial<ShrinkOptions> = {}): ShrinkOptions {
	const { maxSide, quality } = options;
	return {
		maxSide: maxSide !== undefined && Number.isFinite(maxSide) && maxSide >= 1 ? Math.floor(maxSide) : defaultShrinkOptions.maxSide,
		quality: quality !== undefined && quality > 0 && quality <= 1 ? quality : defaultShrinkOptions.quality
	};
}

/**
 * GIFs would lose their animation and SVGs are not photos, so both go to the server untouched.
 * An empty type happens with some Android file pickers; decoding decides whether it was an image.
 */
export function isShrinkable(type: string, name: string): boolean {
	const t = type.toLowerCase();
	if (t === 'image/gif' || t === 'image/svg+xml') return false;
	if (t.startsWith('image/')) return true;
	return t === '' && /\.(jpe?g|png|webp|heic|heif|avif|bmp)$/i.test(name);
}

export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function isSmallEnough(width: number, height: number, bytes: number, maxSide: number): boolean {
	return Math.max(width, height) <= maxSide && bytes <= smallEnoughBytes;
}

export function jpegName(name: string): string {
	const base = name.replace(/\.[^./\\]*$/, '');
	return `${base || 'photo'}.jpg`;
}

interface Decoded {
	source: CanvasImageSource;
	width: number;
	height: number;
	release(): void;
}

async function decodeWithBitmap(file: File): Promise<Decoded | null> {
	if (typeof createImageBitmap !== 'function') return null;
	try {
		// Phones store portrait photos as landscape pixels plus an EXIF rotation; since re-encoding drops
		// EXIF, the rotation must be baked into the pixels here or the photo arrives sideways.
		const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
		return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
	} catch {
		return null;
	}
}

/** Older Safari lacks createImageBitmap on files; an <img> applies EXIF rotation by default in current browsers. */
async function decodeWithImage(file: File): Promise<Decoded | null> {
	if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return null;
	const url = URL.createObjectURL(file);
	const release = () => URL.revokeObjectURL(url);
	try {
		const img = new Image();
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('undecodable image'));
			img.src = url;
		});
		if (!img.naturalWidth || !img.naturalHeight) throw new Error('empty image');
		return { source: img, width: img.naturalWidth, height: img.naturalHeight, release };
	} catch {
		release();
		return null;
	}
}

type Context2d = Pick<CanvasRenderingContext2D, 'fillStyle' | 'fillRect' | 'drawImage' | 'imageSmoothingEnabled' | 'imageSmoothingQuality'>;

interface Surface {
	context: Context2d;
	toJpeg(quality: number): Promise<Blob | null>;
	release(): void;
}

function createSurface(width: number, height: number): Surface | null {
	// OffscreenCanvas keeps the big pixel buffer out of the DOM; Safari before 16.4 has no 2D context for it.
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d');
		if (context) {
			return {
				context,
				toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }),
				release: () => {
					canvas.width = 0;
					canvas.height = 0;
				}
			};
		}
	}
	if (typeof document === 'undefined') return null;
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) return null;
	return {
		context,
		toJpeg: (quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality)),
		// Mobile browsers cap total canvas memory; a zero-sized canvas gives it back before GC runs.
		release: () => {
			canvas.width = 0;
			canvas.height = 0;
		}
	};
}

async function encodeJpeg(decoded: Decoded, width: number, height: number, quality: number): Promise<Blob | null> {
	const surface = createSurface(width, height);
	if (!surface) return null;
	try {
		const { context } = surface;
		// JPEG has no transparency: without a white background, transparent PNG areas turn black.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.imageSmoothingEnabled = true;
		context.imageSmoothingQuality = 'high';
		context.drawImage(decoded.source, 0, 0, width, height);
		// The full-size decode is the largest allocation; free it before the encoder needs memory too.
		decoded.release();
		return await surface.toJpeg(quality);
	} finally {
		surface.release();
	}
}

/**
 * Returns a JPEG no larger than maxSide on its longest side, or the original file when it is not an image,
 * cannot be decoded here (HEIC on Chrome), is already small enough, or anything goes wrong: the server then
 * decides and explains. Never throws.
 */
export async function shrinkPhoto(file: File, options: Partial<ShrinkOptions> = {}): Promise<File> {
	let decoded: Decoded | null = null;
	try {
		const { maxSide, quality } = resolveShrinkOptions(options);
		if (!isShrinkable(file.type, file.name)) return file;
		decoded = (await decodeWithBitmap(file)) ?? (await decodeWithImage(file));
		if (!decoded) return file;
		const { width: originalWidth, height: originalHeight } = decoded;
		if (isSmallEnough(originalWidth, originalHeight, file.size, maxSide)) return file;
		const { width, height } = fitWithin(originalWidth, originalHeight, maxSide);
		const blob = await encodeJpeg(decoded, width, height, quality);
		// toBlob silently falls back to PNG when it cannot write JPEG; that would not be smaller.
		if (!blob || blob.type !== 'image/jpeg') return file;
		const fitsAlready = Math.max(originalWidth, originalHeight) <= maxSide;
		if (fitsAlready && blob.size >= file.size) return file;
		return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
	} catch (error) {
		console.warn('shrinkPhoto: sending the original file', error);
		return file;
	} finally {
		decoded?.release();
	}
}

/**
 * One at a time on purpose: each decode of a 12-megapixel photo takes about 48 MB, and decoding several at
 * once is how a cheap phone kills the tab.
 */
export async function shrinkPhotos(files: Iterable<File>, options: Partial<ShrinkOptions> = {}): Promise<File[]> {
	const out: File[] = [];
	for (const file of files) out.push(await shrinkPhoto(file, options));
	return out;
}
