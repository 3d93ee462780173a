import type { Db } from '../db/client';
import { join } from 'node:path';
import { createBackup, listBackups, pruneBackups, readManifest, type BackupResult } from './backup';
import type { BackupStatus } from './status';

/** After a start, the first backup waits this long at least, so a restart loop does not become a backup loop. */
const FIRST_AFTER_MS = 60_000;

/**
 * Backs the database and photos up every `everyHours` into `dir` and keeps the newest `keep`. The first
 * backup is due `everyHours` after the newest one already there (or a minute after start when that is
 * overdue or there is none). Reports what /api/health shows: a failed backup turns the status degraded
 * until one succeeds. Run it in one process only: each process with the schedule makes its own backups.
 */
export function startBackupSchedule(
	db: Db,
	options: {
		dir: string;
		everyHours: number;
		keep: number;
		uploadsPath: string;
		version: string;
		now: () => number;
		log?: (result: BackupResult, pruned: string[]) => void;
	}
): { status: () => BackupStatus; stop: () => void; runNow: () => Promise<BackupResult> } {
	const every = options.everyHours * 3600_000;
	const status: BackupStatus = { state: 'waiting', lastOkAt: null };
	let timer: ReturnType<typeof setTimeout> | null = null;
	let stopped = false;
	let running: Promise<BackupResult> | null = null;

	const runNow = () =>
		(running ??= (async () => {
			const result = await createBackup(db, {
				backupDir: options.dir,
				uploadsPath: options.uploadsPath,
				now: options.now,
				version: options.version
			});
			let pruned: string[] = [];
			if (result.ok) {
				status.state = 'ok';
				status.lastOkAt = result.manifest.takenAt;
				pruned = await pruneBackups(options.dir, options.keep).catch(() => []);
			} else {
				status.state = 'failed';
			}
			options.log?.(result, pruned);
			return result;
		})().finally(() => (running = null)));

	const schedule = (delay: number) => {
		if (stopped) return;
		// setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a longer wait is taken in steps.
		const step = Math.min(delay, 0x7fffffff);
		timer = setTimeout(() => {
			if (step < delay) return schedule(delay - step);
			void runNow().finally(() => schedule(every));
		}, step);
		timer.unref();
	};

	void (async () => {
		const names = await listBackups(options.dir);
		const newest = names.length ? await readManifest(join(options.dir, names.at(-1)!)) : null;
		if (newest) status.lastOkAt = newest.takenAt;
		const due = newest ? newest.takenAt + every - options.now() : 0;
		schedule(Math.max(Math.min(FIRST_AFTER_MS, every), due));
	})();

	return {
		status: () => ({ ...status }),
		stop: () => {
			stopped = true;
			if (timer) clearTimeout(timer);
		},
		runNow
	};
}
