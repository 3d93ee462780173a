import { request } from 'node:http';

export const MB = 1024 * 1024;

export interface StreamedAnswer {
	status: number;
	/** Bytes of the body that had gone out when the answer came. */
	sentBeforeAnswer: number;
	/** Length of the answer's body. */
	answerBytes: number;
	ms: number;
}

/**
 * Posts a form action as multipart: the text `fields` first, then one part (`big`) of `bigBytes` bytes, sent
 * in 1 MB chunks and stopped as soon as the server answers — how a test shows a refusal came before the body
 * was read. The declared length is the whole body's.
 */
export function postStreamedMultipart(
	baseUrl: string,
	path: string,
	cookie: string,
	fields: Record<string, string>,
	big: { name: string; filename?: string; contentType?: string },
	bigBytes: number
): Promise<StreamedAnswer> {
	const boundary = '----tienphong' + 'x'.repeat(16);
	const lines: string[] = [];
	for (const [name, value] of Object.entries(fields))
		lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${name}"`, '', value);
	lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${big.name}"${big.filename ? `; filename="${big.filename}"` : ''}`);
	if (big.contentType) lines.push(`Content-Type: ${big.contentType}`);
	lines.push('', '');
	const head = Buffer.from(lines.join('\r\n'));
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const total = head.length + bigBytes + tail.length;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		let sent = 0;
		let sentAtAnswer = 0;
		let answered = false;
		const req = request(
			new URL(path, baseUrl),
			{
				method: 'POST',
				headers: {
					'content-type': `multipart/form-data; boundary=${boundary}`,
					'content-length': String(total),
					origin: baseUrl,
					cookie,
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				}
			},
			(res) => {
				answered = true;
				sentAtAnswer = sent;
				let bytes = 0;
				res.on('data', (d: Buffer) => (bytes += d.length));
				res.on('end', () => {
					resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: sentAtAnswer, answerBytes: bytes, ms: performance.now() - started });
					req.destroy();
				});
			}
		);
		req.on('error', (err) => (answered ? undefined : reject(err)));
		const chunk = Buffer.alloc(MB, 'a');
		const pump = () => {
			if (answered) return;
			if (sent === 0) {
				req.write(head);
				sent += head.length;
			}
			while (sent < total - tail.length && !answered) {
				const n = Math.min(chunk.length, total - tail.length - sent);
				sent += n;
				if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
			}
			if (!answered) {
				req.end(tail);
				sent += tail.length;
			}
		};
		pump();
	});
}
