import { Readable } from 'node:stream';
import busboy from 'busboy';
import { t, type MessageKey } from '../../i18n';

/** No text field of ours comes near this (a 10,000-character story is ~30 KB of UTF-8). */
export const TEXT_PART_MAX_BYTES = 64 * 1024;

export interface MultipartLimits {
	files: number;
	fileBytes: number;
	/** The field the files come in; files under any other name are refused. */
	fileField: string;
	/** What a file over `fileBytes` is told (with its `name`); photos' message unless said. */
	tooLarge?: MessageKey;
}

export type MultipartRead = { ok: true; form: FormData } | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a multipart form while it streams in, instead of buffering the whole body first as
 * `request.formData()` does: a text part past TEXT_PART_MAX_BYTES is cut off at the limit and refused
 * (never decoded, normalised or echoed), as are too many or too large files. Only a body within the
 * limits becomes a FormData for the usual form parsing.
 */
export function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartRead> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('multipart/form-data') || !request.body)
		return Promise.resolve({ ok: false, status: 400, error: t('form.malformed') });
	return new Promise((resolve) => {
		const form = new FormData();
		let refusal: { status: 400 | 413; error: string } | null = null;
		const refuse = (status: 400 | 413, error: string) => (refusal ??= { status, error });
		let parser: busboy.Busboy;
		try {
			parser = busboy({
				headers: { 'content-type': type },
				defParamCharset: 'utf8',
				limits: { fieldSize: TEXT_PART_MAX_BYTES, fields: 500, files: limits.files, fileSize: limits.fileBytes, parts: 600 }
			});
		} catch {
			resolve({ ok: false, status: 400, error: t('form.malformed') });
			return;
		}
		parser.on('field', (name, value, info) => {
			if (info.valueTruncated || info.nameTruncated) refuse(413, t('form.partTooLarge'));
			else if (!refusal) form.append(name, value);
		});
		parser.on('file', (name, stream, info) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => {
				if (!refusal) chunks.push(chunk);
			});
			stream.on('limit', () => refuse(413, t(limits.tooLarge ?? 'photo.too_large', { name: (info.filename ?? '').slice(0, 60) || 'ảnh' })));
			stream.on('close', () => {
				if (refusal || stream.truncated) return;
				if (name !== limits.fileField) return void refuse(400, t('form.malformed'));
				form.append(name, new File([new Uint8Array(Buffer.concat(chunks))], info.filename ?? '', { type: info.mimeType }));
			});
		});
		parser.on('filesLimit', () => refuse(413, t('photo.tooMany')));
		parser.on('fieldsLimit', () => refuse(413, t('form.malformed')));
		parser.on('partsLimit', () => refuse(413, t('form.malformed')));
		parser.on('error', () => resolve({ ok: false, status: 400, error: t('form.malformed') }));
		parser.on('close', () => resolve(refusal ? { ok: false, ...refusal } : { ok: true, form }));
		const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream);
		body.on('error', () => resolve({ ok: false, status: 400, error: t('form.malformed') }));
		body.pipe(parser);
	});
}
