/**
 * Hostile input, field by field, on the form members use most (logging an initiative), over HTTP against the
 * real server: each is refused with a Vietnamese message naming the problem, and nothing is written.
 * Markup in a story is not refused but kept as text: the page shows it, never runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { activityMeasures, activityTypes, initiatives, memberships, people, units } from '../../src/lib/server/db/schema';
import { createTeam } from '../../src/lib/server/teams/service';
import { loadActor } from '../../src/lib/server/auth/actor';
import { t } from '../../src/lib/i18n';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';

let server: RunningServer;
let databasePath: string;
let cookie: string;
const ids = { branch: 0, otherBranch: 0, type: 0, measure: 0, outsider: 0, otherTeam: 0 };

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	const unit = (name: string) => db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
	ids.branch = unit('Chi đoàn bản Ta Ma');
	ids.otherBranch = unit('Chi đoàn bản Phiêng Cải');
	const type = db
		.select()
		.from(activityTypes)
		.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
		.get()!;
	ids.type = type.id;
	ids.measure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).get()!.id;
	// A member of another district: not a possible participant for work in Ta Ma.
	const elsewhere = db.select({ id: units.id, path: units.path }).from(units).where(eq(units.name, 'Huyện đoàn Điện Biên Đông')).get()!;
	ids.outsider = db
		.select({ id: memberships.personId })
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.all()
		.find((m) =>
			db
				.select({ path: units.path })
				.from(units)
				.innerJoin(memberships, eq(memberships.unitId, units.id))
				.where(eq(memberships.personId, m.id))
				.get()!
				.path.startsWith(elsewhere.path)
		)!.id;
	const tama = db.select({ id: people.id }).from(people).where(eq(people.username, 'tama')).get()!.id;
	const team = createTeam(
		{ db, actor: loadActor(db, tama)!.actor, now: NOW, ipHash: null, requestId: null },
		{
			name: 'Đội hình bản Phiêng Cải',
			kind: 'other',
			unitId: ids.otherBranch,
			leaderId: tama,
			servedPlaces: [],
			helpers: [],
			activeFrom: '2026-01-01',
			activeTo: null,
			focus: []
		}
	);
	if (!team.ok) throw new Error('team');
	ids.otherTeam = team.team.id;
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
	cookie = await signIn(server.url, 'tama');
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

function valid(): Record<string, string | string[]> {
	return {
		unitId: String(ids.branch),
		activityTypeId: String(ids.type),
		title: 'Hướng dẫn VNeID ở bản',
		story: 'Ba buổi tối ở nhà văn hoá.',
		startedOn: '2026-11-20',
		place: 'Nhà văn hoá bản Ta Ma',
		[`measure_${ids.measure}`]: '120'
	};
}

async function create(fields: Record<string, string | string[]>): Promise<{ status: number; text: string }> {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
	const res = await fetch(`${server.url}/sang-kien/moi?/create`, {
		method: 'POST',
		headers: { origin: server.url, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: form
	});
	const raw = await res.text();
	return { status: res.status, text: readable(raw) };
}

/** An enhanced form's answer with its devalue-encoded data unpacked into plain text, for message checks. */
function readable(raw: string): string {
	try {
		const outer = JSON.parse(raw) as { type: string; data?: string; location?: string };
		const values = outer.data ? (JSON.parse(outer.data) as unknown[]) : [];
		return JSON.stringify({ type: outer.type, location: outer.location }) + '\n' + values.filter((v) => typeof v === 'string').join('\n');
	} catch {
		return raw;
	}
}

function initiativeRows(): number {
	const db = openDatabase(databasePath);
	try {
		return db.select({ n: count() }).from(initiatives).get()!.n;
	} finally {
		db.$client.close();
	}
}

const title = t('initiative.titleField');

/** [what the attacker sends, the fields to change, a fragment of the Vietnamese message that must come back] */
const CASES: Array<[string, () => Record<string, string | string[]>, string]> = [
	['an empty title', () => ({ title: '   ' }), t('validation.required', { field: title })],
	['a title of 10,000 characters', () => ({ title: 'a'.repeat(10_000) }), 'quá dài'],
	['a title with markup', () => ({ title: '<img src=x onerror=alert(1)>' }), t('validation.angleBrackets', { field: title })],
	['a title with a right-to-left override', () => ({ title: 'Tiêu đề \u202e gnp.exe' }), t('validation.controlChars', { field: title })],
	['a story over 10,000 characters', () => ({ story: 'ư'.repeat(10_001) }), 'quá dài'],
	['no story', () => ({ story: '' }), t('validation.required', { field: t('initiative.story') })],
	['a date that is not a date', () => ({ startedOn: '2026-02-30x' }), t('validation.invalidDate')],
	['a date in the future', () => ({ startedOn: '2099-01-01' }), t('initiative.futureDate')],
	['an end before the start', () => ({ endedOn: '2026-11-01' }), t('validation.dateOrder')],
	['a negative number', () => ({ [`measure_${ids.measure}`]: '-5' }), 'không được nhỏ hơn'],
	['an absurd number', () => ({ [`measure_${ids.measure}`]: '1e9' }), 'phải là số'],
	['a number far past the maximum', () => ({ [`measure_${ids.measure}`]: '999999999' }), 'không được lớn hơn'],
	['a fraction of a person', () => ({ [`measure_${ids.measure}`]: '12,5' }), 'phải là số nguyên'],
	['text as a number', () => ({ [`measure_${ids.measure}`]: 'mười hai' }), 'phải là số'],
	['an unknown activity', () => ({ activityTypeId: '999999' }), t('initiative.unknownActivity')],
	['an id that is not an id', () => ({ activityTypeId: '1 OR 1=1' }), t('validation.invalidChoice')],
	['another unit’s team', () => ({ teamId: String(ids.otherTeam) }), t('initiative.teamUnit')],
	['a participant from another district', () => ({ participantIds: [String(ids.outsider)] }), t('initiative.participantOutOfScope')],
	[
		'201 participants',
		() => ({ participantIds: Array.from({ length: 201 }, (_, i) => String(i + 1)) }),
		t('initiative.tooManyParticipants')
	],
	['a participant id that is not a number', () => ({ participantIds: ['-1'] }), t('initiative.tooManyParticipants')]
];

describe('logging an initiative: hostile values, field by field', () => {
	it('the valid form itself is accepted (so each refusal below is about its one field)', async () => {
		const before = initiativeRows();
		const answer = await create(valid());
		expect(answer.text).toContain('"type":"redirect"');
		expect(initiativeRows()).toBe(before + 1);
	});

	for (const [name, change, message] of CASES) {
		it(`${name}: refused in Vietnamese, nothing saved`, async () => {
			const before = initiativeRows();
			const answer = await create({ ...valid(), ...change() });
			expect(answer.text).toContain('"type":"failure"');
			expect(answer.text).toContain(message);
			expect(initiativeRows()).toBe(before);
		});
	}

	it('markup in a story is kept as text and shown escaped, never run', async () => {
		const answer = await create({ ...valid(), title: 'Có thẻ script', story: '<script>alert(1)</script> [bấm](javascript:alert(2))' });
		const location = /"location":"([^"]+)"/.exec(answer.text)?.[1] ?? '';
		const id = /\/sang-kien\/(\d+)/.exec(location)?.[1];
		expect(id).toBeTruthy();
		const page = await (await fetch(`${server.url}/sang-kien/${id}`, { headers: { cookie } })).text();
		expect(page).toMatch(/&lt;script(&gt;|>)alert\(1\)&lt;\/script/);
		expect(page).not.toContain('<script>alert(1)</script>');
		expect(page).not.toMatch(/href="javascript:/i);
	});
});
