/**
 * The raw-ws baseline of bench/live.ts: a bare `ws` server that broadcasts one message to every client in a
 * plain loop (encoded once, written to each socket). Started by the parent with --expose-gc on the app's CPU.
 */
import { WebSocketServer } from 'ws';
import type { WireDelta } from '../src/lib/realtime/contract';

export type ToWsServer = { op: 'broadcast'; round: number; payload: WireDelta } | { op: 'memory' } | { op: 'exit' };

export type FromWsServer =
	| { op: 'listening'; port: number }
	| { op: 'sent'; round: number; sentAt: number; loopMs: number; clients: number; bytes: number }
	| { op: 'memory'; rss: number; heapUsed: number; clients: number };

const now = () => performance.timeOrigin + performance.now();
const send = (m: FromWsServer) => process.send!(m);

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () => {
	const address = wss.address();
	send({ op: 'listening', port: address !== null && typeof address === 'object' ? address.port : 0 });
});

process.on('message', (message: ToWsServer) => {
	switch (message.op) {
		case 'broadcast': {
			// Stamped like the app stamps sentAt: when the fan-out starts, encoding included.
			const sentAt = now();
			// The captured delta with this round as its version and this send as its stamps (changedAt + sentAfter = sentAt).
			const payload: WireDelta = [...message.payload];
			payload[2] = message.round;
			payload[8] = sentAt - payload[9];
			const data = Buffer.from(JSON.stringify(payload));
			for (const client of wss.clients) client.send(data, { binary: false });
			send({ op: 'sent', round: message.round, sentAt, loopMs: now() - sentAt, clients: wss.clients.size, bytes: data.length });
			break;
		}
		case 'memory': {
			const gc = (globalThis as { gc?: () => void }).gc;
			gc?.();
			gc?.();
			const m = process.memoryUsage();
			send({ op: 'memory', rss: m.rss, heapUsed: m.heapUsed, clients: wss.clients.size });
			break;
		}
		case 'exit':
			process.exit(0);
	}
});
process.on('disconnect', () => process.exit(0));
