/**
 * A save kept on the phone for want of signal goes out later from the outbox, as its form would have posted it:
 * here the outbox's own sender talks to the real server. It is saved under its author only; under anyone else
 * (a shared phone) or nobody, it waits and nothing is written; a refusal ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { activityMeasures, activityTypes, initiatives, people, units } from '../../src/lib/server/db/schema';
import { send, type OutboxEntry } from '../../src/lib/client/outbox';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';

let server: RunningServer;
let databasePath: string;
const cookies: Record<string, string> = {};
let tama = 0;
let fields: Array<[string, string]> = [];

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	const branch = db.select({ id: units.id }).from(units).where(eq(units.name, 'Chi đoàn bản Ta Ma')).get()!.id;
	const type = db
		.select()
		.from(activityTypes)
		.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
		.get()!;
	const measure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).get()!.id;
	tama = db.select({ id: people.id }).from(people).where(eq(people.username, 'tama')).get()!.id;
	fields = [
		['unitId', String(branch)],
		['activityTypeId', String(type.id)],
		['title', 'Hướng dẫn VNeID khi mất sóng'],
		['story', 'Ba buổi tối ở nhà văn hoá, viết khi mất sóng.'],
		['startedOn', '2026-11-20'],
		['place', 'Nhà văn hoá bản Ta Ma'],
		[`measure_${measure}`, '12']
	];
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
	cookies.tama = await signIn(server.url, 'tama');
	cookies.doanvien = await signIn(server.url, 'doanvien');
}, 120_000);

afterAll(async () => {
	await server?.stop();
});

function entry(change: Record<string, string> = {}): OutboxEntry {
	return {
		id: 'a1',
		personId: tama,
		action: '/sang-kien/moi?/create',
		fields: fields.map(([name, value]) => [name, change[name] ?? value]),
		draftKey: `initiative:new:${tama}`,
		title: change.title ?? 'Hướng dẫn VNeID khi mất sóng',
		queuedAt: 0
	};
}

/** The browser's fetch from the phone: same origin, with whoever's session cookie the phone holds now. */
function phoneOf(cookie: string | null): typeof fetch {
	return (input, init) =>
		fetch(`${server.url}${String(input)}`, {
			...init,
			headers: { ...(init?.headers as Record<string, string>), origin: server.url, ...(cookie ? { cookie } : {}) }
		});
}

function savedTitled(title: string): number {
	const db = openDatabase(databasePath);
	try {
		return db.select({ n: count() }).from(initiatives).where(eq(initiatives.title, title)).get()!.n;
	} finally {
		db.$client.close();
	}
}

describe('the outbox sending a save later', () => {
	it('waits, writing nothing, while another person is signed in on the phone or nobody is', async () => {
		const title = 'Gửi nhầm người';
		expect(await send(entry({ title }), phoneOf(cookies.doanvien!))).toEqual({ kind: 'wait' });
		expect(await send(entry({ title }), phoneOf(null))).toEqual({ kind: 'wait' });
		expect(savedTitled(title)).toBe(0);
	});

	it('saves it under its author and says where the saved work is', async () => {
		const title = 'Hướng dẫn VNeID khi mất sóng';
		const outcome = await send(entry(), phoneOf(cookies.tama!));
		expect(outcome.kind).toBe('sent');
		expect(outcome.kind === 'sent' && outcome.location).toMatch(/^\/sang-kien\/\d+\/sua\?da-luu=1$/);
		expect(savedTitled(title)).toBe(1);
	});

	it('sent again because its answer was lost, it finds the work it made instead of making a second', async () => {
		const title = 'Câu trả lời bị mất';
		const withKey = { ...entry({ title }), fields: [...entry({ title }).fields, ['sendKey', '5e'.repeat(16)] as [string, string]] };
		const first = await send(withKey, phoneOf(cookies.tama!));
		const again = await send(withKey, phoneOf(cookies.tama!));
		expect(first.kind).toBe('sent');
		expect(again).toEqual(first);
		expect(savedTitled(title)).toBe(1);
		// A key is the form's own: without it (an older page), a second send is a second work.
		const withoutKey = entry({ title: 'Không có khoá' });
		await send(withoutKey, phoneOf(cookies.tama!));
		await send(withoutKey, phoneOf(cookies.tama!));
		expect(savedTitled('Không có khoá')).toBe(2);
	});

	it('ends with a refusal the server gives, pointing back to the form, writing nothing', async () => {
		const title = 'Số âm';
		const refused = await send(entry({ title, [fields[6]![0]]: '-5' }), phoneOf(cookies.tama!));
		expect(refused).toEqual({ kind: 'refused', location: '/sang-kien/moi' });
		expect(savedTitled(title)).toBe(0);
	});
});
