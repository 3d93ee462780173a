/**
 * Findings replayed against the real production server over HTTP: a member freezing the server with a huge
 * story, photos decoded for someone who may not log the work, open redirects after signing in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { activityMeasures, activityTypes, people, units } from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/actor';
import { createInitiative } from '../../src/lib/server/initiatives/service';
import { initiativeDetail } from '../../src/lib/server/initiatives/queries';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { loadConfig, reachableFromNetwork } from '../../src/lib/server/config';
import { fetchRetryingReset, signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';
import { MB, postStreamedMultipart } from '../helpers/streamed-post';

let server: RunningServer;
let databasePath: string;
let drafts: { taMa: number; elsewhere: number };
let vneidMeasure: number;
let vneidType: number;
let taMaBranch: number;
let elsewhereUnit: number;

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	const id = (username: string) => db.select({ id: people.id }).from(people).where(eq(people.username, username)).get()!.id;
	const unit = (name: string) => db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
	const type = db
		.select()
		.from(activityTypes)
		.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
		.get()!;
	vneidType = type.id;
	vneidMeasure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).get()!.id;
	taMaBranch = unit('Chi đoàn bản Ta Ma');
	const draftFor = (username: string, unitId: number) => {
		const ctx = { db, actor: loadActor(db, id(username))!.actor, now: NOW, ipHash: null, requestId: null };
		const created = createInitiative(ctx, {
			unitId,
			teamId: null,
			activityTypeId: type.id,
			title: 'Bản nháp',
			story: 'Câu chuyện ngắn.',
			startedOn: '2026-11-20',
			endedOn: '2026-11-20',
			place: 'Nhà văn hoá',
			photosShowChildren: false,
			measures: { [vneidMeasure]: '10' },
			participantIds: []
		});
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		return created.id;
	};
	elsewhereUnit = unit('Huyện đoàn Điện Biên Đông');
	drafts = { taMa: draftFor('tama', taMaBranch), elsewhere: draftFor('tinhdoan', elsewhereUnit) };
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
});
afterAll(async () => {
	await server?.stop();
});

describe('finding 2: a huge story from a member cannot freeze the server', () => {
	it('a member posting 40 MB to another district’s draft is refused before the body is read', async () => {
		const cookie = await signIn(server.url, 'doanvien');
		const answer = await postStreamedMultipart(
			server.url,
			`/sang-kien/${drafts.elsewhere}/sua?/save`,
			cookie,
			{ title: 'Tiêu đề' },
			{ name: 'story' },
			40 * MB
		);
		expect(answer.status).toBe(403);
		expect(answer.sentBeforeAnswer).toBeLessThan(40 * MB);
		expect(answer.answerBytes).toBeLessThan(10_000);
	});

	it('the secretary’s own draft refuses a story part over 64 KB without saving or echoing it', async () => {
		const cookie = await signIn(server.url, 'tama');
		const answer = await postStreamedMultipart(
			server.url,
			`/sang-kien/${drafts.taMa}/sua?/save`,
			cookie,
			{ title: 'Tiêu đề' },
			{ name: 'story' },
			10 * MB
		);
		expect(answer.answerBytes).toBeLessThan(10_000);
		const db = openDatabase(databasePath);
		try {
			expect(initiativeDetail(db, drafts.taMa)!.initiative.story).toBe('Câu chuyện ngắn.');
		} finally {
			db.$client.close();
		}
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
	});
});

describe('finding 4: photos are decoded only for someone allowed to log the work', () => {
	it('a member who may log nothing is refused before the photos are read; a secretary out of scope stores nothing', async () => {
		const member = await signIn(server.url, 'doanvien');
		const form = new FormData();
		const fields = {
			unitId: String(taMaBranch),
			activityTypeId: String(vneidType),
			title: 'Ảnh',
			story: 'Câu chuyện.',
			startedOn: '2026-11-20',
			place: 'Bản',
			[`measure_${vneidMeasure}`]: '10'
		};
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		for (let i = 0; i < 8; i++) form.append('photos', new File([Buffer.alloc(512 * 1024, i)], `${i}.jpg`, { type: 'image/jpeg' }));
		const post = (cookie: string) =>
			fetchRetryingReset(`${server.url}/sang-kien/moi?/create`, {
				method: 'POST',
				headers: { origin: server.url, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
				body: form
			});
		expect((await post(member)).status).toBe(403);

		const secretary = await signIn(server.url, 'tama');
		const outOfScope = new FormData();
		for (const [k, v] of form.entries()) outOfScope.append(k, v);
		outOfScope.set('unitId', String(elsewhereUnit));
		// The refusal above came before its body was read, so the server closes that connection: a fresh one here.
		const refused = await fetchRetryingReset(`${server.url}/sang-kien/moi?/create`, {
			method: 'POST',
			headers: { origin: server.url, cookie: secretary, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: outOfScope
		});
		expect(refused.status).toBe(403);
		const uploads = join(dirname(databasePath), 'uploads');
		let stored: string[] = [];
		try {
			stored = readdirSync(uploads, { recursive: true }).map(String);
		} catch {
			stored = [];
		}
		expect(stored.filter((f) => f.endsWith('.webp'))).toEqual([]);
	});
});

describe('finding 5: no open redirect after signing in, and no 500 on odd characters', () => {
	it.each([
		'/%09/evil.example',
		'//evil.example',
		'/%5Cevil.example',
		'/%0d%0aSet-Cookie:%20x=1',
		'/%00',
		'/%E3%80%82evil',
		'https://evil.example'
	])('next=%s stays on this site', async (next) => {
		const cookie = await signIn(server.url, 'doanvien');
		const res = await fetch(`${server.url}/dang-nhap?next=${next}`, { headers: { cookie }, redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location') ?? '';
		expect(new URL(location, server.url).origin).toBe(server.url);
		expect(location).not.toMatch(/[\t\r\n\0]/);
	});
});

describe('finding 3: no published password on a server other machines can reach', () => {
	it('listens on this machine only by default', () => {
		expect(loadConfig({}).host).toBe('127.0.0.1');
		expect(reachableFromNetwork(loadConfig({}))).toBe(false);
		expect(reachableFromNetwork(loadConfig({ HOST: '0.0.0.0' }))).toBe(true);
		expect(reachableFromNetwork(loadConfig({ ORIGIN: 'https://thidua.example.vn' }))).toBe(true);
	});

	it('a demo started for the network refuses tienphong and prints a random password that works', async () => {
		const exposed = await startServer({ HOST: '0.0.0.0' });
		try {
			const line = exposed
				.output()
				.split('\n')
				.find((l) => l.trim().startsWith('tinhdoan'));
			const password = line?.trim().split(/\s+/)[1] ?? '';
			expect(password).toMatch(/^[a-z0-9]{16}$/);
			expect(exposed.output()).not.toContain(' tienphong ');
			const attempt = (pw: string) =>
				fetch(`${exposed.url}/dang-nhap`, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded', origin: exposed.url, accept: 'text/html' },
					body: new URLSearchParams({ identifier: 'tinhdoan', password: pw, next: '/' }).toString(),
					redirect: 'manual'
				});
			expect((await attempt('tienphong')).status).toBe(400);
			expect((await attempt(password)).status).toBe(303);
		} finally {
			await exposed.stop();
		}
	});
});
