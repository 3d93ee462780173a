/**
 * `npm run db:restore <backup folder> <new database path> [--uploads <new photos folder>]`: checks a backup
 * (checksums, integrity, the ledger against its boards, photos) and restores it into a new path — never
 * over an existing database or photos folder. Exits 1 when anything does not check out.
 */
import { restoreBackup } from '../src/lib/server/backup/restore';
import { t } from '../src/lib/i18n';

const args = process.argv.slice(2);
const at = args.indexOf('--uploads');
const uploadsPath = at >= 0 ? args[at + 1] : undefined;
const [backup, target] = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
if (!backup || !target || (at >= 0 && !uploadsPath)) {
	console.error(t('restore.usage'));
	process.exit(2);
}
const result = await restoreBackup(backup, target, { uploadsPath });
if (!result.ok) {
	console.error(t(result.error));
	for (const problem of result.problems.slice(0, 50)) console.error(`  ${t(problem.key, problem.params)}`);
	process.exit(1);
}
const r = result.report;
console.log(
	t('restore.done', {
		path: r.databasePath,
		uploads: r.uploadsPath,
		files: r.files,
		sequence: r.ledgerSequence,
		boardRows: r.boardRows,
		approved: r.approved,
		initiatives: r.initiatives,
		photos: r.photos
	})
);
if (r.photosMissing.length > 0) console.log(t('backup.photosMissing', { count: r.photosMissing.length }));
console.log(t('restore.next', { path: r.databasePath, uploads: r.uploadsPath }));
