import cluster, { type Worker } from 'node:cluster';
import { setupPrimary } from '@socket.io/cluster-adapter';
import { migrateDatabase, openDatabase } from '../db/client';
import { prepareDatabase } from '../startup';
import { CANNOT_LISTEN_EXIT_CODE, startupBanner } from '../banner';
import type { Config } from '../config';

/** Workers have this long to stop after SIGTERM (their own graceful stop takes at most 25 s). */
const STOP_WORKERS_MS = 28_000;

/**
 * The cluster's primary (WORKERS > 1): it migrates and prepares the database once, then starts the workers, which
 * listen on the same port (node:cluster hands each new connection to the next worker; a keep-alive connection
 * stays with it) and broadcast to each other's sockets through this process (@socket.io/cluster-adapter, or Redis
 * when REDIS_URL is set). Sockets speak WebSocket only here: a long-polling session's requests could reach any
 * worker. It serves nothing itself; a worker that dies is started again.
 */
export async function runPrimary(config: Config): Promise<void> {
	const db = openDatabase(config.databasePath);
	migrateDatabase(db);
	const started = await prepareDatabase(db, config);
	db.$client.close();

	setupPrimary();
	let stopping = false;
	const indexOf = new Map<Worker, number>();
	const fork = (index: number) => {
		const worker = cluster.fork({ TIENPHONG_WORKER_INDEX: String(index) });
		indexOf.set(worker, index);
		return new Promise<void>((listening) => worker.once('listening', () => listening()));
	};
	cluster.on('exit', (worker, code, signal) => {
		const index = indexOf.get(worker)!;
		indexOf.delete(worker);
		if (stopping) return;
		// It said why (the port is taken): starting it again would fail the same way.
		if (code === CANNOT_LISTEN_EXIT_CODE) {
			stopping = true;
			for (const other of indexOf.keys()) other.kill();
			process.exit(1);
		}
		console.error(`[cluster] tiến trình ${index + 1} dừng (${signal ?? code}): khởi động lại`);
		void fork(index);
	});
	await Promise.all(Array.from({ length: config.workers }, (_, index) => fork(index)));
	console.log(startupBanner(config, started));

	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: đang dừng máy chủ...`);
		const workers = [...indexOf.keys()];
		const exited = Promise.all(workers.map((w) => new Promise<void>((done) => (w.isDead() ? done() : w.once('exit', () => done())))));
		for (const worker of workers) worker.process.kill('SIGTERM');
		await Promise.race([exited, new Promise((timeUp) => setTimeout(timeUp, STOP_WORKERS_MS).unref())]);
		for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
		console.log('Đã dừng.');
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}
