import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, notLike } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db/client';
import { initiatives, pointEntries, units } from '../../src/lib/server/db/schema';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { prepareSubmittedWork, signIn, type PreparedWork } from '../helpers/live';

// The review queue's "approve the ticked works" action, over HTTP as the enhanced form posts it.
let server: RunningServer;
let databasePath: string;
let work: PreparedWork;
let cookie: string;
let elsewhere: number;

beforeAll(async () => {
	databasePath = tempDbPath();
	work = await prepareSubmittedWork(databasePath, 4);
	const db = openDatabase(databasePath);
	const district = db.select({ path: units.path }).from(units).where(eq(units.id, work.districtId)).get()!;
	elsewhere = db
		.select({ id: initiatives.id })
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.where(and(notLike(units.path, `${district.path}%`), eq(initiatives.status, 'approved')))
		.get()!.id;
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
	cookie = await signIn(server.url, 'tuangiao');
}, 120_000);

afterAll(async () => {
	await server?.stop();
});

async function approveMany(picks: string[]) {
	const body = new URLSearchParams(picks.map((p) => ['pick', p]));
	const res = await fetch(`${server.url}/duyet?/approveMany`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: body.toString()
	});
	return { status: res.status, text: await res.text() };
}

function state() {
	const db = openDatabase(databasePath);
	try {
		return {
			statuses: db
				.select({ id: initiatives.id, status: initiatives.status })
				.from(initiatives)
				.where(inArray(initiatives.id, work.initiatives))
				.all()
				.map((r) => r.status),
			ledger: db.select({ n: count() }).from(pointEntries).get()!.n
		};
	} finally {
		db.$client.close();
	}
}

describe('approving several works at once', () => {
	it('refuses the whole batch, changing nothing, when one pick is another district’s work', async () => {
		const before = state();
		const answer = await approveMany([`${work.initiatives[0]}:1`, `${elsewhere}:1`]);
		expect(answer.status).toBe(403);
		expect(state()).toEqual(before);
	});

	it('refuses an empty or malformed batch with a Vietnamese message', async () => {
		const before = state();
		expect((await approveMany([])).text).toContain('Chưa chọn sáng kiến nào');
		expect((await approveMany(['1:abc'])).status).toBe(400);
		expect((await approveMany([`${work.initiatives[0]}:1`, '<script>'])).status).toBe(400);
		const tooMany = await approveMany(Array.from({ length: 101 }, (_, i) => `${i + 1}:1`));
		expect(tooMany.text).toContain('Mỗi lần xác nhận tối đa 100 sáng kiến. Chưa có gì thay đổi.');
		expect(state()).toEqual(before);
	});

	it('approves each ticked work as its own step, names the one changed meanwhile, and counts a repeat once', async () => {
		const [first, second, stale] = work.initiatives;
		const picks = [`${first}:1`, `${second}:1`, `${stale}:0`];
		const answer = await approveMany(picks);
		expect(answer.status).toBe(200);
		expect(answer.text).toContain('Đã xác nhận 2 sáng kiến.');
		expect(answer.text).toMatch(/Hướng dẫn VNeID lần 3 — [^”]+” chưa được xác nhận/);
		const after = state();
		expect(after.statuses).toEqual(['approved', 'approved', 'submitted', 'submitted']);
		expect(after.ledger).toBeGreaterThan(0);
		// The same request again (a double tap, a resend on a weak network): nothing more is awarded.
		const again = await approveMany(picks.slice(0, 2));
		expect(again.text).toContain('Đã xác nhận 2 sáng kiến.');
		expect(state()).toEqual(after);
	});
});
