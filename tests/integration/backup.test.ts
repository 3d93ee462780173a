/**
 * Backups that restore: a backup taken while 200 approvals arrive over HTTP at the real server, restored by
 * `npm run db:restore` into a fresh path, holds every approval acknowledged before it started, each whole;
 * the commands refuse to restore over existing data or from a damaged backup; the server's schedule
 * keeps the newest backups and reports a failing one on /api/health.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { openDatabase } from '../../src/lib/server/db/client';
import { createBackup, listBackups, type BackupManifest } from '../../src/lib/server/backup/backup';
import { sha256 } from '../../src/lib/server/backup/files';
import { NODE_TSX, ROOT, startServer, type RunningServer } from '../helpers/server';
import { approveOverHttp, prepareSubmittedWork, signIn, submitWithPhotos } from '../helpers/live';
import { until } from '../helpers/wait';

import { NOW } from '../helpers/clock';
const APPROVALS = 200;
const HELD_UNTIL_BACKUP_ENDS = 10;

/** Runs a command script to its end without blocking this process's event loop. */
function runScript(
	script: string,
	args: string[],
	env: Record<string, string> = {}
): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((ok) => {
		const proc = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), script, ...args], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		proc.stdout.on('data', (d) => (stdout += d));
		proc.stderr.on('data', (d) => (stderr += d));
		proc.once('exit', (status) => ok({ status, stdout, stderr }));
	});
}

const jpeg = (i: number) =>
	sharp({ create: { width: 640, height: 480, channels: 3, background: { r: (i * 53) % 256, g: (i * 97) % 256, b: 120 } } })
		.jpeg()
		.toBuffer();

function uploadsFiles(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	if (!existsSync(dir)) return files;
	for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
		if (entry.endsWith('.webp')) files.set(entry, sha256(readFileSync(join(dir, entry))));
	}
	return files;
}

describe('backups that restore', () => {
	const dir = mkdtempSync(join(tmpdir(), 'tienphong-backup-'));
	const databasePath = join(dir, 'live', 'app.db');
	const uploads = join(dir, 'live', 'uploads');
	const backups = join(dir, 'backups');
	const servers: RunningServer[] = [];
	let server: RunningServer;
	let initiatives: number[] = [];
	let withPhotos: number[] = [];

	beforeAll(async () => {
		mkdirSync(join(dir, 'live'));
		server = await startServer({ DATABASE_PATH: databasePath });
		servers.push(server);
		withPhotos = await submitWithPhotos(databasePath, uploads, 4, 2, NOW, jpeg);
		initiatives = [...withPhotos, ...(await prepareSubmittedWork(databasePath, APPROVALS - withPhotos.length)).initiatives];
	}, 120_000);

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		rmSync(dir, { recursive: true, force: true });
	});

	it('a backup taken during a burst of concurrent approvals over HTTP restores every acknowledged approval, each whole, with its photos, and none sent after it', async () => {
		const cookie = await signIn(server.url, 'tuangiao');
		const answered: number[] = [];
		let backup: Promise<Awaited<ReturnType<typeof createBackup>>> | null = null;
		let acknowledgedBefore: Set<number> | null = null;
		let answeredWhenDone = 0;
		let backupMs = 0;
		const startBackup = () => {
			// A connection of its own, as `npm run db:backup` has: the server keeps writing through its own.
			acknowledgedBefore = new Set(answered);
			const db = openDatabase(databasePath);
			const started = performance.now();
			backup = createBackup(db, { backupDir: backups, uploadsPath: uploads, now: () => NOW, version: 'test' }).finally(() => {
				backupMs = performance.now() - started;
				answeredWhenDone = answered.length;
				db.$client.close();
			});
		};
		const approve = async (id: number) => {
			const answer = await approveOverHttp(server.url, cookie, id);
			expect(answer.type, `approval of ${id}`).toBe('success');
			answered.push(id);
			if (answered.length === 50) startBackup();
		};
		// The last few wait for the backup to finish, so it is always taken in the middle of the burst
		// (however fast this machine answers the others), never after it.
		const afterBackup = initiatives.slice(-HELD_UNTIL_BACKUP_ENDS);
		await Promise.all(initiatives.slice(0, -HELD_UNTIL_BACKUP_ENDS).map(approve));
		const result = await backup!;
		await Promise.all(afterBackup.map(approve));
		if (!result.ok) throw new Error(`${result.error}: ${result.detail}`);
		const before = acknowledgedBefore!;

		const restored = join(dir, 'restored', 'app.db');
		const run = await runScript('scripts/db-restore.ts', [result.path, restored]);
		expect(run.status, run.stdout + run.stderr).toBe(0);
		expect(run.stdout).toContain('Đã khôi phục');

		const copy = new Database(restored, { readonly: true, fileMustExist: true });
		try {
			const status = new Map(
				(copy.prepare('select id, status from initiatives').all() as Array<{ id: number; status: string }>).map((r) => [r.id, r.status])
			);
			const entries = new Map(
				(
					copy.prepare('select initiative_id as id, count(*) as n from point_entries group by 1').all() as Array<{ id: number; n: number }>
				).map((r) => [r.id, r.n])
			);
			const events = new Set(copy.prepare("select initiative_id from activity_events where type = 'approved'").pluck().all() as number[]);
			const approvedInCopy = initiatives.filter((id) => status.get(id) === 'approved');
			// Every approval answered before the backup started is in it...
			for (const id of before) expect(status.get(id), `acknowledged approval ${id}`).toBe('approved');
			// ...and nothing is half there: an approval has its event and its ledger rows, the rest has neither.
			for (const id of initiatives) {
				if (status.get(id) === 'approved') {
					expect(entries.get(id) ?? 0, `ledger rows of ${id}`).toBeGreaterThan(0);
					expect(events.has(id), `approval event of ${id}`).toBe(true);
				} else {
					expect(status.get(id), `initiative ${id}`).toBe('submitted');
					expect(entries.get(id) ?? 0, `ledger rows of unapproved ${id}`).toBe(0);
					expect(events.has(id), `approval event of unapproved ${id}`).toBe(false);
				}
			}
			expect(copy.prepare('select coalesce(max(id), 0) from point_entries').pluck().get()).toBe(result.manifest.database.ledgerSequence);
			console.info(
				`[backup] ${approvedInCopy.length} of ${APPROVALS} approvals in the backup (${before.size} acknowledged before it started, ` +
					`${answeredWhenDone} when it finished in ${Math.round(backupMs)} ms: database ${result.ms.database} ms, photos ${result.ms.photos} ms)`
			);
			expect(approvedInCopy.length).toBeGreaterThanOrEqual(before.size);
			for (const id of afterBackup) expect(status.get(id), `approval ${id} sent after the backup ended`).toBe('submitted');
		} finally {
			copy.close();
		}
		// The photos came back byte for byte, with the manifest's checksums.
		const original = uploadsFiles(uploads);
		expect(original.size).toBe(withPhotos.length * 2 * 2);
		expect(uploadsFiles(join(dir, 'restored', 'uploads'))).toEqual(original);
		expect(result.manifest.files.filter((f) => f.path.startsWith('uploads/'))).toHaveLength(original.size);
	}, 180_000);

	it('the commands: db:backup while the server runs, db:restore refuses an existing path, a damaged file and an inconsistent ledger', async () => {
		const made = await runScript('scripts/db-backup.ts', [join(dir, 'by-command')], { DATABASE_PATH: databasePath });
		expect(made.status, made.stdout + made.stderr).toBe(0);
		expect(made.stdout).toContain('Đã sao lưu vào');
		const [name] = await listBackups(join(dir, 'by-command'));
		const good = join(dir, 'by-command', name!);
		const manifest = JSON.parse(readFileSync(join(good, 'manifest.json'), 'utf8')) as BackupManifest;
		expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);

		// Never over existing data: the live database, or any existing file.
		const overLive = await runScript('scripts/db-restore.ts', [good, databasePath]);
		expect(overLive.status).toBe(1);
		expect(overLive.stderr).toContain('Không khôi phục đè lên dữ liệu đang có');

		// One flipped byte in a photo.
		const damaged = join(dir, 'damaged');
		cpSync(good, damaged, { recursive: true });
		const photo = manifest.files.find((f) => f.path.startsWith('uploads/'))!;
		const bytes = readFileSync(join(damaged, photo.path));
		bytes[bytes.length >> 1]! ^= 0xff;
		writeFileSync(join(damaged, photo.path), bytes);
		const fromDamaged = await runScript('scripts/db-restore.ts', [damaged, join(dir, 'from-damaged', 'app.db')]);
		expect(fromDamaged.status).toBe(1);
		expect(fromDamaged.stderr).toContain(`${photo.path}: sai kích thước hoặc mã SHA-256`);
		expect(existsSync(join(dir, 'from-damaged', 'app.db'))).toBe(false);

		// Half an approval: an initiative back at 'submitted' with its ledger rows still there, the checksums
		// made to match. Only the ledger check can tell.
		const forged = join(dir, 'forged');
		cpSync(good, forged, { recursive: true });
		const db = new Database(join(forged, 'tienphong.db'));
		db.prepare("update initiatives set status = 'submitted' where id = ?").run(initiatives[0]);
		db.close();
		const forgedManifest = {
			...manifest,
			files: manifest.files.map((f) => (f.path === 'tienphong.db' ? { ...f, ...fileDigest(join(forged, 'tienphong.db')) } : f))
		};
		writeFileSync(join(forged, 'manifest.json'), JSON.stringify(forgedManifest));
		const fromForged = await runScript('scripts/db-restore.ts', [forged, join(dir, 'from-forged', 'app.db')]);
		expect(fromForged.status).toBe(1);
		expect(fromForged.stderr).toContain('Sổ điểm trong bản sao lưu không nhất quán');
		expect(fromForged.stderr).toMatch(new RegExp(`Sáng kiến #${initiatives[0]} chưa được xác nhận nhưng còn \\d+ điểm`));
		expect(existsSync(join(dir, 'from-forged', 'app.db'))).toBe(false);

		// The good one restores, and a server starts on it.
		const target = join(dir, 'from-command', 'app.db');
		const restored = await runScript('scripts/db-restore.ts', [good, target]);
		expect(restored.status, restored.stdout + restored.stderr).toBe(0);
		const onCopy = await startServer({ DATABASE_PATH: target });
		servers.push(onCopy);
		const health = await (await fetch(`${onCopy.url}/api/health`)).json();
		expect(health).toMatchObject({ status: 'ok', database: 'ok', disk: 'ok' });
		const page = await fetch(`${onCopy.url}/anh/${photo.path.slice('uploads/xx/'.length, 'uploads/xx/'.length + 24)}/lon`);
		expect(page.status).toBe(200);
	}, 180_000);

	it('the server’s schedule makes backups, keeps the newest BACKUP_KEEP, and a failing one turns /api/health degraded', async () => {
		const scheduled = join(dir, 'scheduled');
		// 0.0005 hours: a backup every 1.8 s.
		const withSchedule = await startServer({
			DATABASE_PATH: databasePath,
			BACKUP_DIR: scheduled,
			BACKUP_EVERY_HOURS: '0.0005',
			BACKUP_KEEP: '2'
		});
		servers.push(withSchedule);
		await until(() => (withSchedule.output().match(/\[backup\] Đã sao lưu/g) ?? []).length >= 3, 60_000, 'three scheduled backups');
		await until(async () => (await listBackups(scheduled)).length === 2, 10_000, 'two backups kept');
		const health = await (await fetch(`${withSchedule.url}/api/health`)).json();
		expect(health).toMatchObject({ status: 'ok', backup: 'ok', lastBackupAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
		await withSchedule.stop();

		// BACKUP_DIR names a file: every backup fails.
		const notAFolder = join(dir, 'not-a-folder');
		writeFileSync(notAFolder, 'x');
		const failing = await startServer({ DATABASE_PATH: databasePath, BACKUP_DIR: notAFolder, BACKUP_EVERY_HOURS: '0.0005' });
		servers.push(failing);
		await until(
			async () => (await (await fetch(`${failing.url}/api/health`)).json()).backup === 'failed',
			30_000,
			'the failed backup reported'
		);
		const degraded = await (await fetch(`${failing.url}/api/health`)).json();
		expect(degraded).toMatchObject({ status: 'degraded', backup: 'failed', lastBackupAt: null });
		expect(failing.output()).toContain('Sao lưu không thành công');
	}, 180_000);
});

function fileDigest(path: string): { bytes: number; sha256: string } {
	const data = readFileSync(path);
	return { bytes: data.length, sha256: sha256(data) };
}
