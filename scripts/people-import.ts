/**
 * Imports units and people from an .xlsx or CSV file without the web server, for files too large to upload
 * comfortably or for the first load of a province:
 *
 *   npm run people:import -- <tệp.xlsx|tệp.csv> [--dry-run] [--as <tên đăng nhập>] [--links <liên-kết.csv>]
 *
 * The same reading, checks and all-or-nothing transaction as /quan-tri/nhap-du-lieu. Without --as it runs as
 * the server's operator (no scope: whoever runs it has the database file); with --as it is held to that
 * admin's scope and roles. --links writes one-time password links for the people it created.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { people } from '../src/lib/server/db/schema';
import { loadActor } from '../src/lib/server/auth/actor';
import { importFile, importLinks, OPERATOR } from '../src/lib/server/imports/service';
import { linksCsv } from '../src/lib/server/imports/template';
import { importErrorText } from '../src/lib/domain/imports/table';
import { parseLoginIdentifier } from '../src/lib/domain/people/contact';
import type { ServiceContext } from '../src/lib/server/context';

const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const dryRun = args.includes('--dry-run');
const as = option('--as');
const linksPath = option('--links');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
	console.error('Cách dùng: npm run people:import -- <tệp.xlsx|tệp.csv> [--dry-run] [--as <tên đăng nhập>] [--links <liên-kết.csv>]');
	process.exit(2);
}

const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const now = Date.now();
let ctx: ServiceContext = { db, actor: null, now, ipHash: null, requestId: `cli-${process.pid}` };
let authority = OPERATOR;
if (as) {
	const id = parseLoginIdentifier(as);
	const column = id?.kind === 'email' ? people.email : id?.kind === 'phone' ? people.phone : people.username;
	const person = id ? db.select({ id: people.id }).from(people).where(eq(column, id.value)).get() : undefined;
	const actor = person ? loadActor(db, person.id)?.actor : undefined;
	if (!actor) {
		console.error(`Không tìm thấy tài khoản "${as}".`);
		process.exit(2);
	}
	ctx = { ...ctx, actor };
	authority = { kind: 'actor', actor };
}

const started = performance.now();
const result = await importFile(ctx, authority, { name: basename(file), bytes: readFileSync(file) }, { dryRun });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (!result.ok) {
	console.error(result.error);
	process.exitCode = 1;
} else {
	const { plan, applied } = result;
	console.log(
		`${plan.rows} dòng · đơn vị: ${plan.units.create.length} mới, ${plan.units.update.length} cập nhật, ${plan.units.unchanged} giữ nguyên · ` +
			`người: ${plan.people.create.length} mới, ${plan.people.update.length} cập nhật, ${plan.people.unchanged} giữ nguyên · ${seconds} s`
	);
	if (plan.errors.length) {
		for (const e of plan.errors.slice(0, 50)) console.error(importErrorText(e));
		if (plan.errors.length > 50) console.error(`… và ${plan.errors.length - 50} lỗi khác.`);
		console.error('Không ghi gì: sửa các lỗi trên rồi chạy lại.');
		process.exitCode = 1;
	} else if (dryRun) console.log('Chạy thử (--dry-run): không ghi gì.');
	else if (!applied) console.log('Không có gì mới để ghi.');
	else {
		console.log(`Đã ghi trong một giao dịch (mã lần nhập ${result.importId}).`);
		if (linksPath) {
			const origin = config.origin ?? `http://localhost:${config.port}`;
			const rows = importLinks(ctx, result.importId, true) ?? [];
			writeFileSync(linksPath, linksCsv(rows.map((r) => ({ ...r, link: `${origin}/dat-mat-khau/${r.token}` }))));
			console.log(`${rows.length} liên kết đặt mật khẩu (72 giờ) đã ghi vào ${linksPath}.`);
		}
	}
}
db.$client.close();
