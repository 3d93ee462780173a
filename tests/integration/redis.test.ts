import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { io as connect } from 'socket.io-client';
import { loadConfig } from '../../src/lib/server/config';
import { createRuntime } from '../../src/lib/server/runtime';
import type { Runtime, RealtimeServer } from '../../src/lib/server/realtime/types';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { deletePrefix, REDIS_URL, requireRedisUnlessLocal } from '../helpers/redis';
import { startServer, tempDbPath } from '../helpers/server';
import { until } from '../helpers/wait';

const redisUp = await requireRedisUnlessLocal();
const PREFIX = `tienphong-test-${process.pid}-${crypto.randomUUID()}`;

interface Node {
	runtime: Runtime;
	http: Server;
	io: RealtimeServer;
	url: string;
}

async function startNode(redisUrl: string): Promise<Node> {
	const runtime = createRuntime({ ...loadConfig({}), databasePath: tempDbPath(), redisUrl, redisPrefix: PREFIX });
	const http = createServer();
	const io = attachRealtime(http, runtime);
	await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
	const { port } = http.address() as { port: number };
	return { runtime, http, io, url: `http://127.0.0.1:${port}` };
}

async function stopNode(node: Node) {
	await node.runtime.realtime?.close();
	await node.runtime.closeBoards();
	node.runtime.db.$client.close();
}

describe.runIf(redisUp)('socket.io over the Redis adapter', () => {
	let a: Node;
	let b: Node;
	beforeAll(async () => {
		a = await startNode(REDIS_URL);
		b = await startNode(REDIS_URL);
		await until(
			() => a.runtime.realtime!.redisState() === 'ok' && b.runtime.realtime!.redisState() === 'ok',
			5000,
			'both processes on Redis'
		);
	});
	afterAll(async () => {
		await stopNode(a);
		await stopNode(b);
		await deletePrefix(PREFIX);
	});

	it('a broadcast from one process reaches a client connected to another', async () => {
		const client = connect(b.url, { transports: ['websocket'], reconnection: false });
		const received: Array<{ version: string; signedIn: boolean }> = [];
		client.on('app:hello', (hello) => received.push(hello));
		await until(() => received.length === 1, 5000, 'app:hello from B');
		a.io.to('public').emit('app:hello', { version: 'from-process-a', signedIn: false });
		await until(() => received.length === 2, 5000, 'A’s broadcast on B’s client');
		expect(received[1]).toEqual({ version: 'from-process-a', signedIn: false });
		client.close();
	});

	it('the health endpoint of a Redis-backed server says redis: ok', async () => {
		const server = await startServer({ REDIS_URL, REDIS_PREFIX: PREFIX });
		try {
			const health = await (await fetch(`${server.url}/api/health`)).json();
			expect(health).toMatchObject({ status: 'ok', redis: 'ok', database: 'ok' });
			expect(server.output()).toContain('Redis: bật');
		} finally {
			await server.stop();
		}
	});
});

describe('Redis unreachable', () => {
	it('the server still starts and serves, and reports redis: down', async () => {
		const server = await startServer({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: PREFIX });
		try {
			const res = await fetch(`${server.url}/api/health`);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ status: 'degraded', redis: 'down', database: 'ok' });
			expect((await fetch(`${server.url}/don-vi`)).status).toBe(200);
		} finally {
			expect(await server.stop()).toBe(0);
		}
	});
});
