import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The one place that reads the environment; everything else receives a Config. */
export interface Config {
	port: number;
	/**
	 * Processes serving requests (WORKERS): 1 is this process alone; more are node:cluster workers behind one port,
	 * sharing the SQLite file, each with its own boards following the ledger (or the Redis boards), sockets kept on
	 * one worker by their session id.
	 */
	workers: number;
	host: string;
	/** Public origin (scheme://host[:port]) used for links, Origin checks and secure cookies. */
	origin: string | null;
	databasePath: string;
	/** Where re-encoded photos are stored: outside the web root, served only through an authorising route. */
	uploadsPath: string;
	redisUrl: string | null;
	/** Prefix of every Redis key and channel, so several apps (or test runs) can share one Redis. */
	redisPrefix: string;
	/** Largest request body accepted by ordinary forms and JSON endpoints, in bytes. */
	formBodyLimit: number;
	/** Largest body on the routes that take photos: eight 10 MB photos and the form around them. */
	uploadBodyLimit: number;
	version: string;
	production: boolean;
	/** Extra origins allowed to open sockets (e.g. a projector on another host name). */
	extraSocketOrigins: string[];
	seedDemo: boolean;
	/** Where backups go (`npm run db:backup` without a folder, and the schedule); null: `<database folder>/backups` for the command, no schedule. */
	backupDir: string | null;
	/** Hours between scheduled backups in the server process; null: no schedule (the default). */
	backupEveryHours: number | null;
	/** Scheduled backups kept (older ones are removed after each new one). */
	backupKeep: number;
	/** A secret that lets monitoring reset /api/health's event-loop window (`?reset=1` with an `x-health-token` header); null: only a signed-in province admin may. */
	healthToken: string | null;
	/**
	 * Password hashing's share of the machine: at most `concurrency` argon2 hashes at once (half the cores, so
	 * the rest keep serving pages) and `queue` waiting; beyond that sign-ins get 429 with Retry-After.
	 */
	hashing: { concurrency: number; queue: number };
	/** Where notices go out by e-mail (smtp://user:pass@host:587 or smtps://…); null: in the app only. */
	smtpUrl: string | null;
	/** The From of those e-mails. */
	mailFrom: string;
}

function readVersion(): string {
	try {
		const pkg = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as { version?: string };
		return pkg.version ?? '0.0.0';
	} catch {
		return '0.0.0';
	}
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
	return n;
}

function positiveNumber(value: string | undefined, name: string): number | null {
	if (value === undefined || value === '') return null;
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
	return n;
}

function nonNegativeInt(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be an integer ≥ 0, got "${value}"`);
	return n;
}

function normaliseOrigin(value: string | undefined): string | null {
	if (!value) return null;
	const url = new URL(value);
	return url.origin;
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);
const isLoopback = (host: string) => LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Whether other machines can reach this server: it listens beyond loopback, or a public origin fronts it. */
export function reachableFromNetwork(config: Pick<Config, 'host' | 'origin'>): boolean {
	return !isLoopback(config.host) || (config.origin !== null && !isLoopback(new URL(config.origin).hostname));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	if (env.BACKUP_EVERY_HOURS && !env.BACKUP_DIR) throw new Error('BACKUP_EVERY_HOURS needs BACKUP_DIR (where the backups go)');
	const databasePath = env.DATABASE_PATH || resolve(process.cwd(), 'data', 'tienphong.db');
	return {
		port: positiveInt(env.PORT, 3000, 'PORT'),
		workers: Math.min(positiveInt(env.WORKERS, 1, 'WORKERS'), 16),
		// This machine only, unless told otherwise: a demo with published passwords must not face the network.
		host: env.HOST || '127.0.0.1',
		origin: normaliseOrigin(env.ORIGIN),
		databasePath,
		uploadsPath: env.UPLOADS_PATH || join(dirname(databasePath), 'uploads'),
		redisUrl: env.REDIS_URL || null,
		redisPrefix: env.REDIS_PREFIX || 'tienphong',
		formBodyLimit: positiveInt(env.FORM_BODY_LIMIT, 1024 * 1024, 'FORM_BODY_LIMIT'),
		uploadBodyLimit: positiveInt(env.UPLOAD_BODY_LIMIT, 82 * 1024 * 1024, 'UPLOAD_BODY_LIMIT'),
		version: readVersion(),
		production: env.NODE_ENV === 'production',
		extraSocketOrigins: (env.SOCKET_ORIGINS ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.map((s) => new URL(s).origin),
		seedDemo: env.SEED_DEMO !== 'false',
		backupDir: env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : null,
		backupEveryHours: env.BACKUP_DIR ? positiveNumber(env.BACKUP_EVERY_HOURS, 'BACKUP_EVERY_HOURS') : null,
		backupKeep: positiveInt(env.BACKUP_KEEP, 7, 'BACKUP_KEEP'),
		healthToken: env.HEALTH_TOKEN || null,
		hashing: {
			concurrency: positiveInt(env.HASH_CONCURRENCY, Math.max(1, Math.floor(availableParallelism() / 2)), 'HASH_CONCURRENCY'),
			queue: nonNegativeInt(env.HASH_QUEUE, 16, 'HASH_QUEUE')
		},
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || 'Tiên Phong <thong-bao@localhost>'
	};
}
