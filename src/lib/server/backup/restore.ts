import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { openDatabase } from '../db/client';
import { MemoryLeaderboardStore } from '../scoring/memory-store';
import { ledgerFeed, verifyBoards } from '../scoring/projection';
import { FOLLOW_CHUNK } from '../scoring/follow';
import type { MessageKey } from '../../i18n';
import { MANIFEST, UPLOADS_DIR, readManifest, type BackupManifest } from './backup';
import { sha256OfFile, syncDirectory } from './files';

export interface RestoreReport {
	databasePath: string;
	uploadsPath: string;
	files: number;
	ledgerSequence: number;
	initiatives: number;
	approved: number;
	photos: number;
	/** Board rows checked: every board rebuilt from the restored ledger against the ledger replayed row by row. */
	boardRows: number;
	/** Photos the database lists whose files the backup could not take (removed while it ran). */
	photosMissing: string[];
}

/** One thing wrong, as a message and its values (the command prints them in Vietnamese). */
export interface Problem {
	key: MessageKey;
	params: Record<string, string | number>;
}

export type RestoreResult = { ok: true; report: RestoreReport } | { ok: false; error: MessageKey; problems: Problem[] };

const problem = (key: MessageKey, params: Record<string, string | number> = {}): Problem => ({ key, params });

const exists = (path: string) =>
	stat(path).then(
		() => true,
		() => false
	);

/**
 * Restores a backup into a new database file (and a new uploads folder beside it), never over anything
 * that exists: a restore is a new instance to check and then point the app at. Before the database is
 * put in place it must pass, on the copy:
 *
 * 1. every file in the manifest present with its size and SHA-256;
 * 2. `PRAGMA integrity_check` and `foreign_key_check`;
 * 3. the ledger: its sequence as recorded, every board rebuilt from it equal to the ledger replayed row by
 *    row (what ledger:verify checks on a live system), no points left on an initiative that is not
 *    approved, and an approval event behind every approved initiative;
 * 4. both files of every photo the database lists (unless the backup recorded it as removed meanwhile).
 */
export async function restoreBackup(backup: string, target: string, options: { uploadsPath?: string } = {}): Promise<RestoreResult> {
	const databasePath = resolve(target);
	const uploadsPath = resolve(options.uploadsPath ?? join(dirname(databasePath), 'uploads'));
	const manifest = await readManifest(backup);
	if (!manifest) return { ok: false, error: 'restore.noManifest', problems: [problem('restore.path', { path: join(backup, MANIFEST) })] };

	const occupied: Problem[] = [];
	for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}.restoring`])
		if (await exists(path)) occupied.push(problem('restore.path', { path }));
	if ((await readdir(uploadsPath).catch(() => [])).length > 0) occupied.push(problem('restore.path', { path: uploadsPath }));
	if (occupied.length > 0) return { ok: false, error: 'restore.targetExists', problems: occupied };

	const damaged: Problem[] = [];
	for (const file of manifest.files) {
		const found = await sha256OfFile(join(backup, file.path)).catch(() => null);
		if (!found) damaged.push(problem('restore.fileMissing', { path: file.path }));
		else if (found.bytes !== file.bytes || found.sha256 !== file.sha256) damaged.push(problem('restore.fileChanged', { path: file.path }));
	}
	if (damaged.length > 0) return { ok: false, error: 'restore.checksums', problems: damaged };

	await mkdir(dirname(databasePath), { recursive: true });
	const staging = `${databasePath}.restoring`;
	await copyFile(join(backup, manifest.database.file), staging);
	let checked: Awaited<ReturnType<typeof checkDatabase>>;
	try {
		checked = await checkDatabase(staging, manifest);
	} catch (err) {
		checked = {
			ok: false,
			error: 'restore.unreadable',
			problems: [problem('restore.detail', { detail: err instanceof Error ? err.message : String(err) })]
		};
	}
	if (!checked.ok) {
		await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${staging}${suffix}`, { force: true })));
		return checked;
	}

	const photoPaths = manifest.files.filter((f) => f.path.startsWith(`${UPLOADS_DIR}/`)).map((f) => f.path.slice(UPLOADS_DIR.length + 1));
	const listed = new Set(photoPaths);
	const missing = checked.photoIds.filter(
		(id) =>
			!manifest.photosMissing.includes(id) &&
			!(listed.has(`${id.slice(0, 2)}/${id}-display.webp`) && listed.has(`${id.slice(0, 2)}/${id}-thumb.webp`))
	);
	if (missing.length > 0) {
		await rm(staging, { force: true });
		return { ok: false, error: 'restore.photosMissing', problems: missing.map((id) => problem('restore.photo', { id })) };
	}
	for (const path of photoPaths) {
		const to = join(uploadsPath, path);
		await mkdir(dirname(to), { recursive: true });
		await copyFile(join(backup, UPLOADS_DIR, path), to);
	}
	for (const dir of new Set(photoPaths.map((p) => dirname(join(uploadsPath, p))))) await syncDirectory(dir);
	// Last: the database appears under its name only once everything it refers to is in place.
	await rename(staging, databasePath);
	await syncDirectory(dirname(databasePath));
	return {
		ok: true,
		report: {
			databasePath,
			uploadsPath,
			files: manifest.files.length,
			ledgerSequence: manifest.database.ledgerSequence,
			initiatives: checked.initiatives,
			approved: checked.approved,
			photos: checked.photoIds.length,
			boardRows: checked.boardRows,
			photosMissing: manifest.photosMissing
		}
	};
}

async function checkDatabase(
	path: string,
	manifest: BackupManifest
): Promise<
	| { ok: true; initiatives: number; approved: number; photoIds: string[]; boardRows: number }
	| { ok: false; error: MessageKey; problems: Problem[] }
> {
	const db = openDatabase(path);
	try {
		const sqlite = db.$client;
		const integrity = sqlite.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok')
			return { ok: false, error: 'restore.integrity', problems: [problem('restore.detail', { detail: String(integrity) })] };
		const foreignKeys = sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
		if (foreignKeys.length > 0)
			return {
				ok: false,
				error: 'restore.integrity',
				problems: foreignKeys.slice(0, 20).map((f) => problem('restore.detail', { detail: `${f.table} #${f.rowid} → ${f.parent}` }))
			};

		const feed = ledgerFeed(db);
		const sequence = feed.sequence();
		const problems: Problem[] = [];
		if (sequence !== manifest.database.ledgerSequence)
			problems.push(problem('restore.sequenceDiffers', { found: sequence, recorded: manifest.database.ledgerSequence }));
		// The ledger replayed row by row (as approvals move the boards) must give what a rebuild gives.
		const replayed = new MemoryLeaderboardStore();
		await replayed.replaceAll(new Map(), 0);
		for (let from = 0; from < sequence; from += FOLLOW_CHUNK) {
			const to = Math.min(sequence, from + FOLLOW_CHUNK);
			await replayed.advance(from, to, feed.changes(from, to));
		}
		for (const d of (await verifyBoards(db, replayed)).slice(0, 20)) {
			problems.push(
				problem('restore.boardDiffers', { key: d.key, subject: d.subjectId, ledger: d.ledger ?? '—', replayed: d.store ?? '—' })
			);
		}
		let boardRows = 0;
		for (const key of await replayed.keys()) boardRows += await replayed.size(key);
		const pointsNotApproved = sqlite
			.prepare(
				"select p.initiative_id as id, sum(p.points) as points from point_entries p join initiatives i on i.id = p.initiative_id where i.status <> 'approved' group by p.initiative_id having sum(p.points) <> 0"
			)
			.all() as Array<{ id: number; points: number }>;
		for (const r of pointsNotApproved.slice(0, 20)) problems.push(problem('restore.pointsNotApproved', { id: r.id, points: r.points }));
		const noEvent = sqlite
			.prepare(
				"select i.id from initiatives i where i.status = 'approved' and not exists (select 1 from activity_events e where e.initiative_id = i.id and e.type = 'approved')"
			)
			.pluck()
			.all() as number[];
		for (const id of noEvent.slice(0, 20)) problems.push(problem('restore.approvedWithoutEvent', { id }));
		if (problems.length > 0) return { ok: false, error: 'restore.ledger', problems };

		const one = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
		return {
			ok: true,
			initiatives: one('select count(*) from initiatives'),
			approved: one("select count(*) from initiatives where status = 'approved'"),
			photoIds: sqlite.prepare('select id from photos where removed_at is null order by id').pluck().all() as string[],
			boardRows
		};
	} finally {
		db.$client.close();
	}
}
