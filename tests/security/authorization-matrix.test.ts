/**
 * Who may open what, over HTTP against the real server: every signed-in and admin page for an anonymous
 * visitor, a member, a unit admin (Ta Ma), a district admin (Tuần Giáo) and the province admin, on objects
 * inside and outside each one's scope; then the form actions an attacker would try, each refused with
 * nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import {
	activityMeasures,
	activityTypes,
	auditLog,
	initiatives,
	passwordTokens,
	people,
	periods,
	roleAssignments,
	ruleSets,
	units
} from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/actor';
import { createInitiative, takeStep } from '../../src/lib/server/initiatives/service';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';

const ROLES = ['anon', 'doanvien', 'tama', 'tuangiao', 'tinhdoan'] as const;
type Who = (typeof ROLES)[number];
/** ok 200 · login: sent to sign in · 403 · 404 */
type Outcome = 'ok' | 'login' | 403 | 404;

let server: RunningServer;
let databasePath: string;
const cookies: Partial<Record<Who, string>> = {};
const ids = { root: 0, taMa: 0, elsewhere: 0, doanvien: 0, tinhdoan: 0, draftTaMa: 0, draftElsewhere: 0, submittedTaMa: 0, period: 0 };

function prepare(db: Db) {
	const person = (username: string) => db.select({ id: people.id }).from(people).where(eq(people.username, username)).get()!.id;
	const unit = (name: string) => db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
	const type = db
		.select()
		.from(activityTypes)
		.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
		.get()!;
	const measure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).get()!;
	const log = (username: string, unitId: number) => {
		const ctx = { db, actor: loadActor(db, person(username))!.actor, now: NOW, ipHash: null, requestId: null };
		const created = createInitiative(ctx, {
			unitId,
			teamId: null,
			activityTypeId: type.id,
			title: `Việc của ${username}`,
			story: 'Câu chuyện.',
			startedOn: '2026-11-20',
			endedOn: '2026-11-20',
			place: 'Bản',
			photosShowChildren: false,
			measures: { [measure.id]: '10' },
			participantIds: []
		});
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		return { id: created.id, ctx };
	};
	ids.root = unit('Tỉnh đoàn Điện Biên');
	ids.taMa = unit('Đoàn xã Ta Ma');
	ids.elsewhere = unit('Huyện đoàn Điện Biên Đông');
	ids.doanvien = person('doanvien');
	ids.tinhdoan = person('tinhdoan');
	ids.draftTaMa = log('tama', unit('Chi đoàn bản Ta Ma')).id;
	ids.draftElsewhere = log('tinhdoan', ids.elsewhere).id;
	const submitted = log('tama', unit('Chi đoàn bản Ta Ma'));
	takeStep(submitted.ctx, submitted.id, 'submit', { reason: null, seenRevision: 0 });
	ids.submittedTaMa = submitted.id;
	ids.period = db.select({ id: periods.id }).from(periods).where(eq(periods.code, 'Y2026')).get()!.id;
}

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	prepare(db);
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
	for (const who of ROLES) if (who !== 'anon') cookies[who] = await signIn(server.url, who);
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

async function outcomeOf(path: string, who: Who): Promise<Outcome | number> {
	const res = await fetch(`${server.url}${path}`, { headers: cookies[who] ? { cookie: cookies[who]! } : {}, redirect: 'manual' });
	await res.arrayBuffer();
	if (res.status === 200) return 'ok';
	if (res.status === 303 && (res.headers.get('location') ?? '').startsWith('/dang-nhap')) return 'login';
	return res.status;
}

const L = 'login';
//                      anon, member, unit admin Ta Ma, district admin Tuần Giáo, province admin
const PAGES: Array<[string, () => string, [Outcome, Outcome, Outcome, Outcome, Outcome]]> = [
	['home', () => '/', ['ok', 'ok', 'ok', 'ok', 'ok']],
	['my page', () => '/toi', [L, 'ok', 'ok', 'ok', 'ok']],
	['my account', () => '/tai-khoan', [L, 'ok', 'ok', 'ok', 'ok']],
	['admin home', () => '/quan-tri', [L, 403, 'ok', 'ok', 'ok']],
	['rules', () => '/quan-tri/the-le', [L, 403, 403, 403, 'ok']],
	['periods', () => '/quan-tri/ky-thi-dua', [L, 403, 403, 403, 'ok']],
	['badge editor', () => '/quan-tri/huy-hieu', [L, 403, 403, 403, 'ok']],
	['activity catalogue', () => '/quan-tri/loai-hoat-dong', [L, 403, 403, 403, 'ok']],
	['units admin', () => '/quan-tri/don-vi', [L, 403, 'ok', 'ok', 'ok']],
	['verification council of the root', () => '/quan-tri/hoi-dong', [L, 403, 403, 403, 'ok']],
	['audit log', () => '/quan-tri/nhat-ky', [L, 403, 'ok', 'ok', 'ok']],
	['accounts', () => '/quan-tri/tai-khoan', [L, 403, 'ok', 'ok', 'ok']],
	['import', () => '/quan-tri/nhap-du-lieu', [L, 403, 'ok', 'ok', 'ok']],
	['import template', () => '/quan-tri/nhap-du-lieu/mau/mau-nhap-du-lieu.xlsx', [L, 403, 'ok', 'ok', 'ok']],
	['edit Đoàn xã Ta Ma', () => `/quan-tri/don-vi/${ids.taMa}`, [L, 403, 403, 'ok', 'ok']],
	['edit another district', () => `/quan-tri/don-vi/${ids.elsewhere}`, [L, 403, 403, 403, 'ok']],
	['manage a member of Ta Ma', () => `/quan-tri/tai-khoan/${ids.doanvien}`, [L, 403, 'ok', 'ok', 'ok']],
	['manage the province admin', () => `/quan-tri/tai-khoan/${ids.tinhdoan}`, [L, 403, 403, 403, 'ok']],
	['review queue', () => '/duyet', [L, 403, 403, 'ok', 'ok']],
	['log an initiative', () => '/sang-kien/moi', [L, 403, 'ok', 'ok', 'ok']],
	['register a team', () => '/doi-hinh/moi', [L, 403, 'ok', 'ok', 'ok']],
	['edit a Ta Ma draft', () => `/sang-kien/${ids.draftTaMa}/sua`, [L, 403, 'ok', 'ok', 'ok']],
	['edit another district’s draft', () => `/sang-kien/${ids.draftElsewhere}/sua`, [L, 403, 403, 403, 'ok']],
	['read a Ta Ma draft', () => `/sang-kien/${ids.draftTaMa}`, [404, 404, 'ok', 'ok', 'ok']],
	['read another district’s draft', () => `/sang-kien/${ids.draftElsewhere}`, [404, 404, 404, 404, 'ok']]
];

describe('pages: every role × inside/outside its scope', () => {
	for (const [name, path, expected] of PAGES) {
		ROLES.forEach((who, i) => {
			it(`${name} as ${who} → ${expected[i]}`, async () => {
				expect(await outcomeOf(path(), who)).toBe(expected[i]);
			});
		});
	}
});

/** Rows of the tables an attack would write to, and the denials audited. */
function snapshot() {
	const db = openDatabase(databasePath);
	try {
		const n = (table: typeof passwordTokens | typeof ruleSets | typeof initiatives | typeof roleAssignments) =>
			db.select({ n: count() }).from(table).get()!.n;
		return {
			tokens: n(passwordTokens),
			ruleSets: n(ruleSets),
			initiatives: n(initiatives),
			roles: n(roleAssignments),
			periods: JSON.stringify(db.select({ status: periods.status }).from(periods).all()),
			units: JSON.stringify(db.select({ name: units.name }).from(units).all()),
			drafts: JSON.stringify(db.select({ title: initiatives.title, status: initiatives.status }).from(initiatives).all()),
			denials: db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'authz_fail')).get()!.n
		};
	} finally {
		db.$client.close();
	}
}

async function post(path: string, who: Who, fields: Record<string, string>): Promise<number> {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			cookie: cookies[who]!,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
	await res.arrayBuffer();
	return res.status;
}

const ACTIONS: Array<[string, Who, () => string, () => Record<string, string>]> = [
	['a unit admin asks a password link for the province admin', 'tama', () => `/quan-tri/tai-khoan/${ids.tinhdoan}?/newLink`, () => ({})],
	['a unit admin ends the province admin’s sessions', 'tama', () => `/quan-tri/tai-khoan/${ids.tinhdoan}?/endSessions`, () => ({})],
	[
		'a district admin drafts new rules',
		'tuangiao',
		() => '/quan-tri/the-le?/draft',
		() => ({ json: '{"rules":[]}', effectiveFrom: '2026-01-01', note: '' })
	],
	['a unit admin closes a period', 'tama', () => '/quan-tri/ky-thi-dua?/step', () => ({ step: 'close', periodId: String(ids.period) })],
	[
		'a district admin renames another district',
		'tuangiao',
		() => `/quan-tri/don-vi/${ids.elsewhere}?/rename`,
		() => ({ name: 'Bị chiếm', shortName: '' })
	],
	[
		'a district admin seats himself on the root’s council',
		'tuangiao',
		() => '/quan-tri/hoi-dong?/add',
		() => ({ unitId: String(ids.root), identifier: 'tuangiao' })
	],
	[
		'a unit admin hands out a council seat through the role form',
		'tama',
		() => `/quan-tri/tai-khoan/${ids.doanvien}?/grantRole`,
		() => ({ unitId: String(ids.root), role: 'council_member' })
	],
	[
		'a province admin hands out a council seat through the role form, not the council page',
		'tinhdoan',
		() => `/quan-tri/tai-khoan/${ids.doanvien}?/grantRole`,
		() => ({ unitId: String(ids.root), role: 'council_member' })
	],
	['a member approves work', 'doanvien', () => `/sang-kien/${ids.submittedTaMa}?/approve`, () => ({ revision: '1' })],
	['the author’s own secretary approves it', 'tama', () => `/sang-kien/${ids.submittedTaMa}?/approve`, () => ({ revision: '1' })],
	['a member sends someone’s draft up', 'doanvien', () => `/sang-kien/${ids.draftTaMa}/sua?/send`, () => ({ revision: '0' })]
];

describe('form actions an attacker tries: refused, audited, nothing written', () => {
	for (const [name, who, path, fields] of ACTIONS) {
		it(name, async () => {
			const before = snapshot();
			expect(await post(path(), who, fields())).toBe(403);
			const after = snapshot();
			expect({ ...after, denials: 0 }).toEqual({ ...before, denials: 0 });
			expect(after.denials).toBe(before.denials + 1);
		});
	}
});
