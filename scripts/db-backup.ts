/**
 * `npm run db:backup [folder]`: a consistent backup of the database (SQLite's online backup API, while the
 * server keeps writing) and the photos, with a manifest of SHA-256 checksums, in a new folder of `folder`
 * (default: BACKUP_DIR, else `<database folder>/backups`). Prints the folder; exits 1 on failure.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/client';
import { createBackup } from '../src/lib/server/backup/backup';
import { t } from '../src/lib/i18n';

const config = loadConfig();
const backupDir = process.argv[2] ? resolve(process.argv[2]) : (config.backupDir ?? join(dirname(config.databasePath), 'backups'));
if (!existsSync(config.databasePath)) {
	console.error(t('backup.noDatabase', { path: config.databasePath }));
	process.exit(1);
}
// No migration: the backup is of the database as the running server has it.
const db = openDatabase(config.databasePath);
const result = await createBackup(db, { backupDir, uploadsPath: config.uploadsPath, now: Date.now, version: config.version });
db.$client.close();
if (!result.ok) {
	console.error(t(result.error, { detail: result.detail }));
	process.exit(1);
}
const { database, files, photosMissing } = result.manifest;
console.log(
	t('backup.done', {
		path: result.path,
		sequence: database.ledgerSequence,
		approved: database.approved,
		initiatives: database.initiatives,
		photos: files.length - 1,
		ms: result.ms.total
	})
);
if (photosMissing.length > 0) console.log(t('backup.photosMissing', { count: photosMissing.length }));
