import type { Socket } from 'socket.io';

/**
 * One Socket.IO event as a WebSocket text frame (RFC 6455 §5.2, unmasked as a server's are), built once per fan-out:
 * `4` is Engine.IO's message, `2` Socket.IO's event on the main namespace. Header and payload in one buffer, so
 * each socket takes a single write (ws and Engine.IO write the two apart, corked).
 */
export function eventFrame(event: string, args: readonly unknown[]): readonly [Buffer] {
	const payload = Buffer.from('42' + JSON.stringify([event, ...args]));
	const length = payload.length;
	const header =
		length < 126
			? Buffer.from([0x81, length])
			: length < 65_536
				? Buffer.from([0x81, 126, length >> 8, length & 0xff])
				: Buffer.concat([Buffer.from([0x81, 127]), bigEndian64(length)]);
	return [Buffer.concat([header, payload])];
}

function bigEndian64(value: number): Buffer {
	const bytes = Buffer.alloc(8);
	bytes.writeBigUInt64BE(BigInt(value));
	return bytes;
}

/** The parts of Engine.IO's connection that the direct write reads; not in its public types. */
interface EngineConnection {
	readyState: string;
	upgrading: boolean;
	writeBuffer: unknown[];
	transport: {
		name: string;
		writable: boolean;
		perMessageDeflate?: unknown;
		socket?: { _sender?: { sendFrame?: (frame: readonly Buffer[], cb?: () => void) => void } };
	};
}

/**
 * Writes a frame from `eventFrame` straight to the socket's WebSocket when nothing is queued before it, as
 * Socket.IO's own broadcast does with its pre-computed frame, but without the packet object, events and callbacks
 * Engine.IO keeps per socket and per write (most of a 10,000-socket fan-out's cost beyond raw ws). Returns false
 * when it cannot (long-polling, an upgrade under way, packets waiting, compression): then emit as usual, which
 * keeps the order of what the socket is sent.
 */
export function writeFrame(socket: Socket, frame: readonly Buffer[]): boolean {
	const conn = socket.conn as unknown as EngineConnection;
	const transport = conn.transport;
	const sendFrame = transport.socket?._sender?.sendFrame;
	if (
		conn.readyState !== 'open' ||
		conn.upgrading ||
		conn.writeBuffer.length > 0 ||
		transport.name !== 'websocket' ||
		!transport.writable ||
		transport.perMessageDeflate ||
		typeof sendFrame !== 'function'
	)
		return false;
	sendFrame.call(transport.socket!._sender, frame);
	return true;
}
