/** Writes a campaign as a campaign file: `npm run campaign:export -- SLUG [FILE]` (to stdout without FILE). */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { exportCampaign } from '../src/lib/server/campaigns/export';

const [slug, out] = process.argv.slice(2);
if (!slug) {
	console.error('Cách dùng: npm run campaign:export -- <mã phong trào> [tệp.json]');
	process.exit(2);
}
const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const file = exportCampaign(db, slug);
db.$client.close();
if (!file) {
	console.error(`Không có phong trào với mã “${slug}”.`);
	process.exit(1);
}
const json = JSON.stringify(file, null, '\t') + '\n';
if (out) {
	writeFileSync(out, json);
	console.error(`Đã ghi ${out}.`);
} else process.stdout.write(json);
