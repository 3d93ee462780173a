import { describe, expect, it } from 'vitest';
// @ts-expect-error ws exports its frame parser, but @types/ws does not declare it
import { Receiver } from 'ws';
import { eventFrame } from './frames';

/** What a WebSocket client reads from the bytes (ws's own parser, as a browser would). */
function readAsClient(frame: readonly Buffer[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const receiver = new Receiver({ isServer: false });
		receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary frame')) : resolve(data.toString())));
		receiver.on('error', reject);
		receiver.write(Buffer.concat(frame));
	});
}

describe('eventFrame', () => {
	/** `42["board:delta",{"text":"","n":1}]` is 35 bytes; the text makes up the rest, with a two-byte letter. */
	const argsOfLength = (payloadBytes: number) => [{ text: 'ơ' + 'a'.repeat(payloadBytes - 37), n: 1 }];

	it.each([
		[40, 2],
		[125, 2],
		[126, 4],
		[65_535, 4],
		[65_536, 10],
		[70_000, 10]
	])('a %i-byte event has a %i-byte header and reads back as the Socket.IO event', async (payloadBytes, headerBytes) => {
		const args = argsOfLength(payloadBytes);
		const frame = eventFrame('board:delta', args);
		expect(frame).toHaveLength(1);
		expect(frame[0].length).toBe(headerBytes + payloadBytes);
		const read = await readAsClient(frame);
		expect(read.startsWith('42')).toBe(true);
		expect(JSON.parse(read.slice(2))).toEqual(['board:delta', ...args]);
	});
});
