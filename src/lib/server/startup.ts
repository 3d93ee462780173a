import { deliverNoticeEmails, smtpSender } from './notifications/mail';
import { deliverReminderEmails } from './notifications/reminder-mail';
import { getRuntime } from './runtime';
import type { Runtime } from './realtime/types';
import { demoLogins, seedDemoIfEmpty, type DemoLogin, type SeedOutcome } from './seed/demo';
import { reachableFromNetwork, type Config } from './config';
import type { Db } from './db/client';
import { syncBoards } from './scoring/projection';
import { ledgerSequence } from './scoring/ledger';
import { announceBoards } from './realtime/after-commit';
import { startBackupSchedule } from './backup/schedule';
import { t } from '../i18n';
import { issueSetupLink, setupNeeded } from './setup/first-run';
import { isClusterWorker } from './cluster/worker';

const KEY = Symbol.for('tienphong.startup');
export interface Started {
	seed: SeedOutcome | 'skipped';
	/** The demo's sign-ins to print (empty without the demo). */
	demoLogins: DemoLogin[];
	/** The one-time set-up link's token while nobody can administer the installation (printed at start), else null. */
	setupToken: string | null;
}

type Holder = { [KEY]?: WeakMap<Runtime, Promise<Started>> };

/**
 * How often each process checks that the boards hold every ledger row. Approvals bring the boards up to the
 * ledger themselves; this catches what nobody else will: rows a process committed and then died (or lost
 * Redis) before applying, and boards another process or a command rebuilt from an older ledger.
 */
const FOLLOW_EVERY_MS = 1000;

/**
 * What a database needs before anyone is served, once per start, by whichever process starts first (this one, or
 * the cluster's primary): the demo seeded (when configured), its sign-ins, and the one-time set-up link when nobody
 * can administer the installation.
 */
export async function prepareDatabase(db: Db, config: Config): Promise<Started> {
	const seed = config.seedDemo ? await seedDemoIfEmpty(db, Date.now()) : 'skipped';
	const demo = seed === 'seeded' || seed === 'already-demo';
	const logins = demo ? await demoLogins(db, reachableFromNetwork(config), Date.now()) : [];
	// An empty database without the demo (or one whose every admin is gone): a fresh link on each start.
	const setupToken = setupNeeded(db) ? issueSetupLink(db, Date.now()) : null;
	return { seed, demoLogins: logins, setupToken };
}

/** A worker of the cluster (WORKERS > 1): its primary prepared the database; the first worker runs the background duties. */
const worker = isClusterWorker ? { index: Number(process.env.TIENPHONG_WORKER_INDEX ?? 0) } : null;

/**
 * Prepares the database (unless the cluster's primary did) and rebuilds the boards from the ledger, once per
 * runtime, whichever entry point asks first (server.ts, hooks.server.ts's init, the Vite dev plugin). Kept apart
 * from runtime.ts so that code reading the runtime on every request never loads the demo seeder.
 */
export function prepareRuntime(): Promise<Started> {
	const runtime = getRuntime();
	const prepared = ((globalThis as Holder)[KEY] ??= new WeakMap());
	let ready = prepared.get(runtime);
	if (!ready) {
		ready = (async () => {
			const started: Started = worker
				? { seed: 'skipped', demoLogins: [], setupToken: null }
				: await prepareDatabase(runtime.db, runtime.config);
			await syncBoards(runtime.db, runtime.boards, { rebuild: true });
			runtime.stops.push(followLedger(runtime));
			// Backups and e-mail once per installation, not once per worker.
			if (!worker || worker.index === 0) {
				scheduleBackups(runtime);
				mailNotices(runtime);
			}
			return started;
		})();
		prepared.set(runtime, ready);
	}
	return ready;
}

const MAIL_EVERY_MS = 5_000;

function followLedger(runtime: Runtime): () => void {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		syncBoards(runtime.db, runtime.boards, { ask: true })
			.then((synced) => {
				announceBoards(runtime.live, synced);
				runtime.live?.ledgerAt(ledgerSequence(runtime.db));
			})
			.catch((err) => console.error('[boards] catching up with the ledger failed', err))
			.finally(() => (running = false));
	}, FOLLOW_EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Off unless SMTP_URL is set: notices then go out by e-mail too, a round every few seconds, and once a day what is
 * due from each person (reminder-mail.ts).
 */
function mailNotices(runtime: Runtime): void {
	const { config } = runtime;
	if (!config.smtpUrl) return;
	const send = smtpSender(config.smtpUrl, config.mailFrom);
	const origin = config.origin ?? `http://localhost:${config.port}`;
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		deliverNoticeEmails(runtime.db, send, origin, Date.now())
			.then(() => deliverReminderEmails(runtime.db, send, origin, Date.now()))
			.catch((err) => console.error('[mail] delivering notices failed', err))
			.finally(() => (running = false));
	}, MAIL_EVERY_MS);
	timer.unref();
	runtime.stops.push(() => clearInterval(timer));
}

/** Off unless BACKUP_DIR and BACKUP_EVERY_HOURS are both set. */
function scheduleBackups(runtime: Runtime): void {
	const { config } = runtime;
	if (!config.backupDir || !config.backupEveryHours) return;
	const schedule = startBackupSchedule(runtime.db, {
		dir: config.backupDir,
		everyHours: config.backupEveryHours,
		keep: config.backupKeep,
		uploadsPath: config.uploadsPath,
		version: config.version,
		now: Date.now,
		log: (result, pruned) => {
			if (!result.ok) return console.error(`[backup] ${t(result.error, { detail: result.detail })}`);
			const { database, files } = result.manifest;
			console.info(
				`[backup] ${t('backup.done', { path: result.path, sequence: database.ledgerSequence, approved: database.approved, initiatives: database.initiatives, photos: files.length - 1, ms: result.ms.total })}`
			);
			if (pruned.length > 0) console.info(`[backup] ${t('backup.pruned', { count: pruned.length, keep: config.backupKeep })}`);
		}
	});
	runtime.backups = schedule;
	runtime.stops.push(schedule.stop);
}
