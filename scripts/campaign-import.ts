/**
 * Imports a campaign file (campaigns/README.md): `npm run campaign:import -- FILE [--dry-run] [--owner-unit ID]`.
 * Prints what it creates or changes, in Vietnamese; `--dry-run` checks and previews without writing.
 * Run by the server's operator: audited without an actor.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { importCampaign } from '../src/lib/server/campaigns/import';
import { planSummary, readCampaignFile } from '../src/lib/domain/campaigns/validate';
import { t } from '../src/lib/i18n';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const ownerAt = args.indexOf('--owner-unit');
const ownerUnitId = ownerAt >= 0 ? Number(args[ownerAt + 1]) : undefined;
const path = args.find((a, i) => !a.startsWith('--') && (ownerAt < 0 || i !== ownerAt + 1));
if (!path || (ownerUnitId !== undefined && !Number.isInteger(ownerUnitId))) {
	console.error('Cách dùng: npm run campaign:import -- <tệp.json> [--dry-run] [--owner-unit <mã đơn vị>]');
	process.exit(2);
}
let text: string;
try {
	text = readFileSync(path, 'utf8');
} catch (e) {
	console.error(`Không đọc được tệp ${path}: ${(e as Error).message}`);
	process.exit(2);
}
const read = readCampaignFile(text);
if (!read.ok) {
	console.error(t('campaignFile.refused'));
	for (const e of read.errors) console.error(`  ${e.path || '—'}: ${e.message}`);
	process.exit(1);
}
const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const outcome = importCampaign(db, read.file, { actor: null, now: Date.now(), ipHash: null, requestId: null }, { ownerUnitId, dryRun });
db.$client.close();
if (!outcome.ok) {
	console.error(t('campaignFile.refused'));
	for (const e of outcome.errors) console.error(`  ${e.path || '—'}: ${e.message}`);
	process.exitCode = 1;
} else {
	console.log(planSummary(outcome.plan));
	console.log(outcome.created ? 'Phong trào mới.' : 'Cập nhật phong trào đã có cùng mã.');
	for (const change of outcome.changes) console.log(`  - ${change}`);
	if (outcome.changes.length === 0) console.log('  Không có gì thay đổi.');
	console.log(dryRun ? 'Chạy thử (--dry-run): chưa ghi gì vào cơ sở dữ liệu.' : `Đã nhập vào ${config.databasePath}.`);
}
