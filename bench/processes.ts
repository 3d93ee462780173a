/** What the benches that start the app need of the machine: a free port, and the app's processes (a cluster has several). */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.once('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => ok(port));
		});
	});
}

/** A process and its descendants (the app's primary and its workers when WORKERS > 1). */
export function processTree(pid: number): number[] {
	let children: number[] = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		// the process ended meanwhile
	}
	return [pid, ...children.flatMap(processTree)];
}
