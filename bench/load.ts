/**
 * A closed-loop HTTP load generator (the machine has no wrk): `connections` keep-alive connections, each sending
 * its next request as soon as the previous answer ends, for `seconds`. The same generator measures the app and
 * the plain node:http baseline in one run, so their ratio is what the app adds; on this 2-core machine it shares
 * the CPU with the server, which caps both figures alike.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
	requests: number;
	rps: number;
	p50: number;
	p99: number;
	/** Body bytes of one answer (the last). */
	bytes: number;
	statuses: Record<number, number>;
}

export async function load(
	url: string,
	options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}
): Promise<LoadResult> {
	const connections = options.connections ?? 64;
	const until = performance.now() + (options.seconds ?? 10) * 1000;
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const latencies: number[] = [];
	const statuses: Record<number, number> = {};
	let bytes = 0;
	const once = () =>
		new Promise<void>((resolve, reject) => {
			const started = performance.now();
			const req = request(url, { agent, headers: options.headers }, (res) => {
				let size = 0;
				res.on('data', (chunk: Buffer) => (size += chunk.length));
				res.on('end', () => {
					latencies.push(performance.now() - started);
					statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
					bytes = size;
					resolve();
				});
			});
			req.on('error', reject);
			req.end();
		});
	const started = performance.now();
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < until) await once();
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
	return { requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), bytes, statuses };
}
