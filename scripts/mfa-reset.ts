/**
 * Resets a person's second factor from the server (for a province admin, whom no admin ranks above):
 * `npm run mfa:reset -- <tên đăng nhập | số điện thoại | email>`. Audited without an actor.
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { people } from '../src/lib/server/db/schema';
import { parseLoginIdentifier } from '../src/lib/domain/people/contact';
import { operatorResetSecondFactor } from '../src/lib/server/auth/second-factor';

const raw = process.argv[2] ?? '';
const id = parseLoginIdentifier(raw);
if (!id) {
	console.error('Cách dùng: npm run mfa:reset -- <tên đăng nhập | số điện thoại | email>');
	process.exit(2);
}
const config = loadConfig();
const db = openDatabase(config.databasePath);
migrateDatabase(db);
const column = id.kind === 'email' ? people.email : id.kind === 'phone' ? people.phone : people.username;
const person = db.select({ id: people.id, fullName: people.fullName }).from(people).where(eq(column, id.value)).get();
if (!person) {
	console.error(`Không tìm thấy tài khoản "${raw}".`);
	process.exitCode = 1;
} else {
	const result = operatorResetSecondFactor(db, person.id, Date.now());
	console.log(
		result.ok
			? `Đã đặt lại xác thực hai bước của ${person.fullName}. Mọi phiên đăng nhập đã kết thúc; lần đăng nhập sau người này phải bật lại.`
			: `${person.fullName} chưa bật xác thực hai bước; không làm gì.`
	);
	process.exitCode = result.ok ? 0 : 1;
}
db.$client.close();
