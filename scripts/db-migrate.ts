/** Applies pending migrations from drizzle/ to DATABASE_PATH (the app also does this at start). */
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';

const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
db.$client.close();
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu: ${config.databasePath}`);
