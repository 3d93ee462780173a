/**
 * Compares every leaderboard with the ledger and exits non-zero on any difference. Meaningful against the
 * shared Redis boards (REDIS_URL); without Redis the boards live inside each server process.
 */
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { openBoardsForCommand } from '../src/lib/server/scoring/open-store';
import { rebuildBoards, verifyBoards } from '../src/lib/server/scoring/projection';
import { ledgerSequence } from '../src/lib/server/scoring/ledger';
import { parseBoardKey } from '../src/lib/domain/scoring/boards';

const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const { store, close } = openBoardsForCommand(config);
if (!config.redisUrl) {
	// Nothing persistent to compare: check that a projection built here agrees with the ledger it came from.
	await rebuildBoards(db, store);
	console.log('Không có REDIS_URL: bảng xếp hạng nằm trong từng tiến trình máy chủ và được dựng lại từ sổ điểm khi khởi động.');
}
// `--campaign SLUG` checks one campaign's boards; by default every campaign's are checked.
const slugArg = process.argv.indexOf('--campaign');
const onlySlug = slugArg > 0 ? process.argv[slugArg + 1] : undefined;
const campaigns = db.$client.prepare('select id, slug, name from campaigns order by id').all() as Array<{
	id: number;
	slug: string;
	name: string;
}>;
const checked = onlySlug === undefined ? campaigns : campaigns.filter((c) => c.slug === onlySlug);
if (onlySlug !== undefined && checked.length === 0) {
	console.error(`Không có phong trào "${onlySlug}". Có: ${campaigns.map((c) => c.slug).join(', ') || '(chưa có)'}`);
	process.exit(2);
}
const campaignOf = (key: string) => parseBoardKey(key)?.campaignId;
const checkedIds = new Set(checked.map((c) => c.id));
const differences = (await verifyBoards(db, store)).filter((d) => onlySlug === undefined || checkedIds.has(campaignOf(d.key) ?? -1));
for (const c of checked) {
	const wrong = differences.filter((d) => campaignOf(d.key) === c.id).length;
	console.log(`  ${c.slug} (${c.name}): ${wrong === 0 ? 'khớp sổ điểm' : `${wrong} dòng sai lệch`}`);
}
const [boardSequence, ledger] = [await store.sequence(), ledgerSequence(db)];
console.log(`Sổ điểm đến dòng ${ledger}; bảng xếp hạng đã áp dụng đến dòng ${boardSequence ?? '— (chưa dựng)'}.`);
for (const d of differences.slice(0, 50))
	console.log(`  ${d.key}  đối tượng ${d.subjectId}: sổ điểm ${d.ledger ?? '—'}, bảng ${d.store ?? '—'}`);
if (differences.length > 0) {
	console.error(`Sai lệch: ${differences.length} dòng không khớp sổ điểm. Chạy: npm run ledger:rebuild`);
	process.exitCode = 1;
} else {
	console.log('Mọi bảng xếp hạng khớp với sổ điểm.');
}
await close();
db.$client.close();
