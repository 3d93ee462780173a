/** Seeds the demo campaign into an empty database. Refuses to touch a database that has data. */
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../src/lib/server/seed/demo';

const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const outcome = await seedDemoIfEmpty(db, Date.now());
db.$client.close();
const messages = {
	seeded: 'Đã tạo dữ liệu mẫu.',
	'already-demo': 'Cơ sở dữ liệu đã có dữ liệu mẫu; không làm gì thêm.',
	'has-data': 'Cơ sở dữ liệu đã có dữ liệu thật; không tạo dữ liệu mẫu.'
} as const;
console.log(`${messages[outcome]} (${config.databasePath})`);
process.exitCode = outcome === 'has-data' ? 1 : 0;
