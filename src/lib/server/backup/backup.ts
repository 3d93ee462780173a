import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/client';
import type { MessageKey } from '../../i18n';
import { photoFiles, sha256, sha256OfFile, syncDirectory, writeDurably } from './files';

export const MANIFEST = 'manifest.json';
export const DATABASE_FILE = 'tienphong.db';
export const UPLOADS_DIR = 'uploads';
const NAME = /^tienphong-\d{8}T\d{6}\.\d{3}Z(-\d+)?$/;
/** A half-written backup left by a process that died is removed once it is this old (a running one never is). */
const STALE_PARTIAL_MS = 6 * 3600_000;

export interface BackupManifest {
	format: 1;
	/** App version that wrote it. */
	version: string;
	/** When the copy of the database was taken (ms since the epoch). */
	takenAt: number;
	database: {
		file: string;
		/** The ledger sequence (highest point entry id) in the copy. */
		ledgerSequence: number;
		initiatives: number;
		approved: number;
		photos: number;
	};
	/** Every file of the backup but this manifest, `/`-separated, with its size and SHA-256. */
	files: Array<{ path: string; bytes: number; sha256: string }>;
	/** Photos the copied database lists whose files were removed before they could be copied (removed meanwhile). */
	photosMissing: string[];
}

export type BackupResult =
	| { ok: true; path: string; manifest: BackupManifest; ms: { database: number; photos: number; total: number } }
	| { ok: false; error: MessageKey; detail: string };

/** Sortable and safe on every file system: tienphong-20261125T031500.123Z. */
export function backupName(at: number): string {
	return `tienphong-${new Date(at).toISOString().replace(/[-:]/g, '')}`;
}

/**
 * One consistent backup of a live database and its photos, into a new folder of `backupDir`:
 *
 * - the database through SQLite's online backup API in a single step (`progress` asks for every page at
 *   once): with the default 100-page steps, a write from another process restarts the copy, and under a
 *   steady stream of approvals it never finishes. The copy is one read transaction: approvals committed
 *   before it are in, later ones are not, none half-way;
 * - then every photo file. Files are written before their rows commit (photos/storage.ts), so every photo
 *   the copied database lists is on disk unless it was removed since; those are recorded, not failed;
 * - a manifest with the size and SHA-256 of every file, written last. The folder is assembled under a
 *   dot-name and renamed when complete, so a backup that exists under its name is whole.
 */
export async function createBackup(
	db: Db,
	options: { backupDir: string; uploadsPath: string; now: () => number; version: string }
): Promise<BackupResult> {
	const started = performance.now();
	try {
		await mkdir(options.backupDir, { recursive: true });
		await removeStalePartials(options.backupDir, options.now());
		const takenAt = options.now();
		const name = await freeName(options.backupDir, backupName(takenAt));
		const work = join(options.backupDir, `.${name}.partial`);
		await mkdir(work);

		const databasePath = join(work, DATABASE_FILE);
		await db.$client.backup(databasePath, { progress: () => 0x7fffffff });
		const copied = checkCopy(databasePath);
		if (!copied.ok) return { ok: false, error: 'backup.copyDamaged', detail: copied.detail };
		const databaseMs = performance.now() - started;

		const files: BackupManifest['files'] = [{ path: DATABASE_FILE, ...(await sha256OfFile(databasePath)) }];
		const present = new Set<string>();
		for (const photo of await photoFiles(options.uploadsPath)) {
			// Read once, hash what was read and write exactly that: the checksum is of the bytes in the backup.
			const data = await readFile(join(options.uploadsPath, photo.path)).catch(() => null);
			if (!data) continue; // removed between listing and reading
			const target = join(work, UPLOADS_DIR, photo.path);
			await mkdir(dirname(target), { recursive: true });
			await writeDurably(target, data);
			files.push({ path: `${UPLOADS_DIR}/${photo.path}`, bytes: data.length, sha256: sha256(data) });
			present.add(photo.path);
		}
		const photosMissing = copied.photoIds.filter(
			(id) => !present.has(`${id.slice(0, 2)}/${id}-display.webp`) || !present.has(`${id.slice(0, 2)}/${id}-thumb.webp`)
		);
		const manifest: BackupManifest = {
			format: 1,
			version: options.version,
			takenAt,
			database: {
				file: DATABASE_FILE,
				ledgerSequence: copied.ledgerSequence,
				initiatives: copied.initiatives,
				approved: copied.approved,
				photos: copied.photoIds.length
			},
			files,
			photosMissing
		};
		await writeDurably(join(work, MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`);
		for (const dir of new Set(files.map((f) => dirname(join(work, f.path))))) await syncDirectory(dir);
		const path = join(options.backupDir, name);
		await rename(work, path);
		await syncDirectory(options.backupDir);
		const total = performance.now() - started;
		return {
			ok: true,
			path,
			manifest,
			ms: { database: Math.round(databaseMs), photos: Math.round(total - databaseMs), total: Math.round(total) }
		};
	} catch (err) {
		return { ok: false, error: 'backup.failed', detail: err instanceof Error ? err.message : String(err) };
	}
}

/** Opens the fresh copy: it must pass integrity_check; returns what the manifest records about it. */
function checkCopy(
	path: string
): { ok: true; ledgerSequence: number; initiatives: number; approved: number; photoIds: string[] } | { ok: false; detail: string } {
	const copy = new Database(path, { fileMustExist: true });
	try {
		const integrity = copy.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') return { ok: false, detail: String(integrity) };
		const one = (sql: string) => copy.prepare(sql).pluck().get() as number;
		return {
			ok: true,
			ledgerSequence: one('select coalesce(max(id), 0) from point_entries'),
			initiatives: one('select count(*) from initiatives'),
			approved: one("select count(*) from initiatives where status = 'approved'"),
			photoIds: copy.prepare('select id from photos where removed_at is null order by id').pluck().all() as string[]
		};
	} finally {
		// Closing the last connection checkpoints the copy's WAL into the file: the backup is one file.
		copy.close();
	}
}

async function freeName(dir: string, base: string): Promise<string> {
	for (let n = 1; ; n++) {
		const name = n === 1 ? base : `${base}-${n}`;
		const taken = await Promise.all(
			[stat(join(dir, name)), stat(join(dir, `.${name}.partial`))].map((p) =>
				p.then(
					() => true,
					() => false
				)
			)
		);
		if (!taken.includes(true)) return name;
	}
}

async function removeStalePartials(dir: string, now: number): Promise<void> {
	for (const entry of await readdir(dir)) {
		if (!/^\.tienphong-.*\.partial$/.test(entry)) continue;
		const info = await stat(join(dir, entry)).catch(() => null);
		if (info && now - info.mtimeMs > STALE_PARTIAL_MS) await rm(join(dir, entry), { recursive: true, force: true });
	}
}

/** A backup's manifest, or null when it is missing or not one of ours. */
export async function readManifest(backup: string): Promise<BackupManifest | null> {
	try {
		const manifest = JSON.parse(await readFile(join(backup, MANIFEST), 'utf8')) as BackupManifest;
		const valid =
			manifest.format === 1 &&
			manifest.database?.file === DATABASE_FILE &&
			Array.isArray(manifest.files) &&
			manifest.files.some((f) => f.path === DATABASE_FILE) &&
			// Paths come from a file on disk: nothing may point outside the backup folder.
			manifest.files.every(
				(f) =>
					typeof f.path === 'string' &&
					(f.path === DATABASE_FILE || /^uploads\/[a-z0-9]{2}\/[a-z0-9]{24}-(display|thumb)\.webp$/.test(f.path))
			) &&
			Array.isArray(manifest.photosMissing);
		return valid ? manifest : null;
	} catch {
		return null;
	}
}

/** Complete backups in `dir` (named by this module, with a manifest), oldest first. */
export async function listBackups(dir: string): Promise<string[]> {
	const entries = await readdir(dir).catch(() => [] as string[]);
	const complete: string[] = [];
	for (const entry of entries.filter((e) => NAME.test(e)).sort()) {
		if (
			await stat(join(dir, entry, MANIFEST)).then(
				() => true,
				() => false
			)
		)
			complete.push(entry);
	}
	return complete;
}

/** Keeps the newest `keep` complete backups and removes the older ones; returns the names removed. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
	const all = await listBackups(dir);
	const old = all.slice(0, Math.max(0, all.length - keep));
	for (const name of old) await rm(join(dir, name), { recursive: true, force: true });
	return old;
}
