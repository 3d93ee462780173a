/**
 * Rebuilds every leaderboard from the ledger. With REDIS_URL the shared Redis boards are replaced; without
 * it the boards live in each server process, which rebuilds them itself at start.
 */
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { openBoardsForCommand } from '../src/lib/server/scoring/open-store';
import { rebuildBoards } from '../src/lib/server/scoring/projection';

const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const { store, close } = openBoardsForCommand(config);
const started = performance.now();
const { boards, rows } = await rebuildBoards(db, store);
console.log(
	`Đã dựng lại ${boards.toLocaleString('vi-VN')} bảng xếp hạng (${rows.toLocaleString('vi-VN')} dòng) từ sổ điểm trong ${Math.round(performance.now() - started)} ms` +
		(config.redisUrl ? ' (Redis).' : ' (bộ nhớ của lệnh này; máy chủ tự dựng lại khi khởi động).')
);
await close();
db.$client.close();
