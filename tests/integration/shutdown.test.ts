/**
 * Finding 10 (f): SIGTERM under load. Connections that had reached the server but that it had not yet taken
 * up (busy, they waited in the kernel's accept queue) were reset when it closed its listening socket. A
 * graceful stop takes up what is already queued, stops accepting, answers every request already sent and
 * every request that arrives on an accepted connection while it drains, then exits 0.
 *
 * To be sure connections are queued at the moment of the signal, the server is paused (SIGSTOP, as a
 * process starved of CPU is) while they connect and send, and the SIGTERM is delivered before it resumes.
 */
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startServer } from '../helpers/server';
import { pause } from '../helpers/wait';

const CONCURRENT = 150;
/** Connections opened before the signal whose requests come 200 ms after it (a slow phone, a preconnect). */
const LATE_SENDERS = 40;
/** Connections that connect and send while the server is paused: queued, not yet accepted, at the signal. */
const QUEUED = 60;

type Outcome = { status: number } | { error: string };

/** A connection opened now; `send()` writes one GET on it later and resolves with the answer's status. */
function openConnection(port: number): Promise<{ send: (path: string) => Promise<Outcome> }> {
	return new Promise((ready, fail) => {
		const socket = connect(port, '127.0.0.1');
		let received = '';
		let outcome: Outcome | null = null;
		const done = new Promise<Outcome>((ok) => {
			socket.on('data', (d) => (received += d));
			socket.once('error', (err: NodeJS.ErrnoException) => (outcome ??= { error: err.code ?? err.message }));
			socket.once('close', () => {
				const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
				ok(outcome ?? (status ? { status: Number(status) } : { error: 'closed without an answer' }));
			});
		});
		socket.once('connect', () =>
			ready({
				send: (path) => {
					socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
					return done;
				}
			})
		);
		socket.once('error', fail);
	});
}

/** One GET on a connection of its own; resolves with the status or the error code, never rejects. */
function get(url: string): Promise<Outcome> {
	return new Promise((ok) => {
		const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
			res.resume();
			res.once('end', () => ok({ status: res.statusCode ?? 0 }));
			res.once('error', (err: NodeJS.ErrnoException) => ok({ error: err.code ?? err.message }));
		});
		req.once('error', (err: NodeJS.ErrnoException) => ok({ error: err.code ?? err.message }));
		req.end();
	});
}

describe('SIGTERM under load', () => {
	it(`answers ${CONCURRENT} concurrent requests, ${QUEUED} queued at the signal and ${LATE_SENDERS} sent after it on open connections, resets none, exits 0`, async () => {
		const server = await startServer();
		try {
			const late = await Promise.all(Array.from({ length: LATE_SENDERS }, () => openConnection(server.port)));
			let answered = 0;
			let signalledAt = -1;
			let lateOutcomes: Promise<Outcome[]> | null = null;
			let queuedOutcomes: Promise<Outcome[]> | null = null;
			let signalledTime = 0;
			const outcomes = Promise.all(
				Array.from({ length: CONCURRENT }, async (_, i) => {
					// Pages that take the server some work, so requests queue up behind each other.
					const outcome = await get(`${server.url}${i % 3 === 0 ? '/don-vi' : i % 3 === 1 ? '/bang-xep-hang' : '/'}`);
					if (++answered === 20) {
						signalledAt = answered;
						server.proc.kill('SIGSTOP');
						queuedOutcomes = Promise.all(Array.from({ length: QUEUED }, () => openConnection(server.port))).then(async (queued) => {
							const sent = queued.map((c) => c.send('/don-vi'));
							await pause(100);
							server.proc.kill('SIGTERM');
							signalledTime = performance.now();
							server.proc.kill('SIGCONT');
							lateOutcomes = pause(200).then(() => Promise.all(late.map((c) => c.send('/'))));
							return Promise.all(sent);
						});
					}
					return outcome;
				})
			);
			const groups = { concurrent: await outcomes, queued: await queuedOutcomes!, late: await lateOutcomes! };
			const results = [...groups.concurrent, ...groups.queued, ...groups.late];
			const failedBy = Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, list.filter((r) => 'error' in r).length]));
			const code = await server.stop();
			const stopMs = Math.round(performance.now() - signalledTime);
			const failures = results.filter((r) => 'error' in r);
			const statuses = new Map<number, number>();
			for (const r of results) if ('status' in r) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
			console.info(
				`[sigterm] ${CONCURRENT} requests + ${QUEUED} queued while it was paused + ${LATE_SENDERS} sent 200 ms after the signal on connections opened before, SIGTERM after ${signalledAt} answers: statuses ${JSON.stringify(Object.fromEntries(statuses))}, errors ${JSON.stringify(failures.slice(0, 3))} by group ${JSON.stringify(failedBy)}; exited ${stopMs} ms after the signal`
			);
			if (failures.length > 0) console.info(server.output());
			expect(signalledAt).toBe(20);
			expect(failures).toEqual([]);
			expect(statuses.get(200)).toBe(CONCURRENT + QUEUED + LATE_SENDERS);
			expect(code).toBe(0);
			expect(server.output()).toContain('Đã dừng.');
		} finally {
			await server.stop('SIGKILL');
		}
	}, 120_000);
});
