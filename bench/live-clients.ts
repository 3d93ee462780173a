/**
 * A client process of bench/live.ts: holds its share of the N connections (socket.io clients joined to a
 * board, or raw `ws` clients) and timestamps every delivery. Talks to the parent over IPC only; started by
 * the parent (pinned to the generator CPU), never on its own.
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { decodeDelta } from '../src/lib/realtime/board-sync';
import { RECONNECT, type ClientToServerEvents, type JoinAnswer, type ServerToClientEvents } from '../src/lib/realtime/contract';

/**
 * `lean`: the Socket.IO protocol (Engine.IO v4 over `ws`: handshake, CONNECT, room:join with its ack, pings)
 * with each event recognised by a string scan — the same client work as the raw-ws clients, so the two
 * phases differ only on the server. `socket.io-client`: the real client library, which costs about four
 * times as much CPU per message (JSON.parse of every packet, timers): with N clients on one core, the
 * generator rather than the server then sets the last recipient's time.
 */
export type SocketIoClient = 'lean' | 'socket.io-client';

export type ToClients =
	| { op: 'sio'; url: string; room: string; count: number; rate: number; client: SocketIoClient }
	| { op: 'ws'; url: string; count: number; rate: number }
	/** Answers once nothing has arrived for `quietMs` (or after `timeoutMs`): a phase's last deliveries are in. */
	| { op: 'settle'; quietMs: number; timeoutMs: number }
	| { op: 'collect'; kind: 'sio' | 'ws' }
	/** Every lean socket drops at once (terminated, as when an event's Wi-Fi fails) and comes back with the app's back-off. */
	| { op: 'storm'; url: string; room: string }
	| { op: 'close' }
	| { op: 'exit' };

/** One message as this process saw it: when each of its clients received it (ms since epoch). */
export interface Received {
	id: string;
	changedAt: number;
	sentAt: number;
	bytes: number;
	times: Float64Array;
	/** The message itself, kept once, so the parent can replay a real delta to the raw-ws baseline. */
	sample: string;
}

export type FromClients =
	| { op: 'ready'; connected: number; failed: number; joinRefused: number; firstError: string | null; ms: number }
	| { op: 'settled'; waitedMs: number }
	| { op: 'collected'; received: Received[]; disconnects: number }
	| { op: 'stormed'; comeBacks: ComeBack[] }
	| { op: 'closed' };

/** One socket's return after the storm: when it was joined again (ms after the drop), how, after how many tries. */
export interface ComeBack {
	ms: number;
	/** What the join's answer brought: a delta, the board, nothing (held it already), or 'failed' (gave up). */
	catchUp: 'delta' | 'snapshot' | 'none' | 'failed';
	answerBytes: number;
	attempts: number;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable with the server's Date.now() stamps. */
const now = () => performance.timeOrigin + performance.now();

interface Seen {
	changedAt: number;
	sentAt: number;
	bytes: number;
	times: number[];
	sample: string;
}

/** By kind: a socket.io delivery that straggles into the raw phase is never counted as a raw one. */
let records = { sio: new Map<string, Seen>(), ws: new Map<string, Seen>() };
let lastReceipt = 0;
let disconnects = 0;
let closing = false;
const sockets: Array<Socket<ServerToClientEvents, ClientToServerEvents>> = [];
const raw: WebSocket[] = [];

/** The board a lean client holds (from its join's answer and every delta since), sent when it rejoins. */
interface Held {
	version: number;
	digest: string;
}
interface Lean {
	ws: WebSocket;
	held: Held | null;
	answer: { catchUp: ComeBack['catchUp']; bytes: number } | null;
	dropped: boolean;
}
const leans: Lean[] = [];

function record(kind: 'sio' | 'ws', t: number, id: string, changedAt: number, sentAt: number, sample: () => string, bytes?: number): void {
	lastReceipt = t;
	let r = records[kind].get(id);
	if (!r) {
		const text = sample();
		r = { changedAt, sentAt, bytes: bytes ?? Buffer.byteLength(text), times: [], sample: text };
		records[kind].set(id, r);
	}
	r.times.push(t);
}

function send(message: FromClients): void {
	process.send!(message);
}

/** At most this many handshakes in flight per process: a slow server slows the ramp instead of timing out. */
const IN_FLIGHT = 100;

/** Opens `count` connections at `rate` per second; `open` resolves with an error text, or null when ready. */
async function connectAll(count: number, rate: number, open: (i: number) => Promise<string | null>): Promise<void> {
	const started = now();
	const results: Array<Promise<string | null>> = [];
	let pending = 0;
	let drained: (() => void) | null = null;
	const perSlice = Math.max(1, Math.round(rate / 100));
	for (let i = 0; i < count; i += perSlice) {
		for (let j = i; j < Math.min(count, i + perSlice); j++) {
			while (pending >= IN_FLIGHT) await new Promise<void>((r) => (drained = r));
			pending++;
			results.push(
				open(j).then((error) => {
					pending--;
					drained?.();
					drained = null;
					return error;
				})
			);
		}
		// 10 ms slices keep the rate steady without a timer per connection.
		const due = started + ((i + perSlice) / rate) * 1000;
		const wait = due - now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	}
	const errors = (await Promise.all(results)).filter((e): e is string => e !== null);
	send({
		op: 'ready',
		connected: count - errors.length,
		failed: errors.filter((e) => !e.startsWith('join:')).length,
		joinRefused: errors.filter((e) => e.startsWith('join:')).length,
		firstError: errors[0] ?? null,
		ms: now() - started
	});
}

function openSocketIo(url: string, room: string): Promise<string | null> {
	return new Promise((resolve) => {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 30_000
		});
		socket.on('board:delta', (wire) => {
			const t = now();
			const d = decodeDelta(wire);
			record('sio', t, `${d.version}:${d.sentAt}`, d.changedAt, d.sentAt, () => JSON.stringify(wire));
		});
		socket.on('disconnect', () => {
			if (!closing) disconnects++;
		});
		socket.once('connect_error', (err) => resolve(err.message));
		socket.once('connect', () => {
			sockets.push(socket);
			socket.timeout(30_000).emit('room:join', room, null, (err, answer) => {
				if (err) resolve(`join: ${err.message}`);
				else resolve(answer.ok ? null : `join: ${answer.error}`);
			});
		});
	});
}

const DELTA_EVENT = '42["board:delta",';

/**
 * What the lean and raw clients need of a delta's JSON (see WireDelta) without parsing it all: the version (third
 * field), the digest and the stamps (the last three).
 */
function deltaFields(json: string): { version: number; digest: string; changedAt: number; sentAt: number } {
	const body = json.slice(1, -1);
	const afterKey = body.indexOf('",') + 2;
	const afterBase = body.indexOf(',', afterKey) + 1;
	const version = Number(body.slice(afterBase, body.indexOf(',', afterBase)));
	const lastComma = body.lastIndexOf(',');
	const stampComma = body.lastIndexOf(',', lastComma - 1);
	const changedAt = Number(body.slice(stampComma + 1, lastComma));
	const digestStart = body.lastIndexOf('"', stampComma - 2) + 1;
	return { version, digest: body.slice(digestStart, stampComma - 1), changedAt, sentAt: changedAt + Number(body.slice(lastComma + 1)) };
}

/** Socket.IO without the client library: see SocketIoClient. Joins holding `held` (null: no board yet). */
function openLean(url: string, room: string, held: Held | null = null): Promise<string | null> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
		const lean: Lean = { ws, held, answer: null, dropped: false };
		let joined = false;
		ws.on('message', (data: Buffer) => {
			const t = now();
			const text = data.toString();
			if (text.startsWith(DELTA_EVENT)) {
				const { version, digest, changedAt, sentAt } = deltaFields(text.slice(DELTA_EVENT.length, -1));
				lean.held = { version, digest };
				// By the board's version: with several app workers each sends the same change to its own sockets.
				record('sio', t, String(version), changedAt, sentAt, () => text.slice(DELTA_EVENT.length, -1), data.length);
			} else if (text === '2')
				ws.send('3'); // Engine.IO ping → pong
			else if (text.startsWith('0'))
				ws.send('40'); // Engine.IO open → Socket.IO CONNECT to '/'
			else if (text.startsWith('40'))
				ws.send(`420${JSON.stringify(['room:join', room, lean.held])}`); // connected → join, ack id 0
			else if (text.startsWith('430')) {
				const [answer] = JSON.parse(text.slice(3)) as [JoinAnswer];
				joined = answer.ok;
				if (answer.ok) {
					const board = answer.catchUp?.kind === 'delta' ? answer.catchUp.delta : answer.catchUp?.board;
					if (board) lean.held = { version: board.version, digest: board.digest };
					lean.answer = { catchUp: answer.catchUp?.kind ?? 'none', bytes: data.length };
					leans.push(lean);
				}
				resolve(answer.ok ? null : `join: ${answer.error}`);
			} else if (text.startsWith('44')) resolve(`connect refused: ${text.slice(2)}`);
		});
		ws.once('error', (err) => resolve(err.message));
		ws.on('close', () => {
			if (!joined) resolve('closed before joining');
			else if (!closing && !lean.dropped) disconnects++;
		});
	});
}

/** socket.io-client's back-off (contrib/backo2.js) with the app's settings: the delay before attempt `attempt` (0-based). */
function backOff(attempt: number): number {
	const ms = RECONNECT.reconnectionDelay * 2 ** attempt;
	const rand = Math.random();
	const deviation = Math.floor(rand * RECONNECT.randomizationFactor * ms);
	return Math.min((Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation, RECONNECT.reconnectionDelayMax) | 0;
}

const MAX_ATTEMPTS = 10;

async function comeBack(url: string, room: string, held: Held | null, droppedAt: number): Promise<ComeBack> {
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		await new Promise((r) => setTimeout(r, backOff(attempt)));
		const error = await openLean(url, room, held);
		if (error === null) {
			const answer = leans[leans.length - 1]!.answer!;
			return { ms: now() - droppedAt, catchUp: answer.catchUp, answerBytes: answer.bytes, attempts: attempt + 1 };
		}
	}
	return { ms: now() - droppedAt, catchUp: 'failed', answerBytes: 0, attempts: MAX_ATTEMPTS };
}

function openRaw(url: string): Promise<string | null> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { perMessageDeflate: false });
		ws.on('message', (data: Buffer) => {
			const t = now();
			// The same client work as the lean Socket.IO client: decode the text, find the stamps.
			const text = data.toString();
			const { version, changedAt, sentAt } = deltaFields(text);
			record('ws', t, `${version}:${sentAt}`, changedAt, sentAt, () => text, data.length);
		});
		ws.once('error', (err) => resolve(err.message));
		ws.once('open', () => {
			raw.push(ws);
			resolve(null);
		});
		ws.on('close', () => {
			if (!closing) disconnects++;
		});
	});
}

process.on('message', (message: ToClients) => {
	switch (message.op) {
		case 'sio':
			closing = false;
			void connectAll(
				message.count,
				message.rate,
				message.client === 'lean' ? () => openLean(message.url, message.room) : () => openSocketIo(message.url, message.room)
			);
			break;
		case 'ws':
			closing = false;
			void connectAll(message.count, message.rate, () => openRaw(message.url));
			break;
		case 'settle': {
			const started = now();
			const check = () => {
				const t = now();
				if (t - Math.max(lastReceipt, started) >= message.quietMs || t - started >= message.timeoutMs)
					send({ op: 'settled', waitedMs: t - started });
				else setTimeout(check, 50);
			};
			check();
			break;
		}
		case 'collect': {
			const received = [...records[message.kind]].map(([id, r]) => ({
				id,
				changedAt: r.changedAt,
				sentAt: r.sentAt,
				bytes: r.bytes,
				times: Float64Array.from(r.times),
				sample: r.sample
			}));
			records = { sio: new Map(), ws: new Map() };
			send({ op: 'collected', received, disconnects });
			disconnects = 0;
			break;
		}
		case 'storm': {
			const droppedAt = now();
			const dropped = leans.splice(0);
			for (const lean of dropped) {
				lean.dropped = true;
				lean.ws.terminate();
			}
			void Promise.all(dropped.map((lean) => comeBack(message.url, message.room, lean.held, droppedAt))).then((comeBacks) =>
				send({ op: 'stormed', comeBacks })
			);
			break;
		}
		case 'close':
			closing = true;
			for (const s of sockets.splice(0)) s.close();
			for (const w of raw.splice(0)) w.close();
			for (const lean of leans.splice(0)) lean.ws.close();
			send({ op: 'closed' });
			break;
		case 'exit':
			process.exit(0);
	}
});
process.on('disconnect', () => process.exit(0));
