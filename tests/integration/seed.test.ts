import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { insertUnit, tempDatabase, type TempDb } from '../helpers/db';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { DISTRICTS, GOVERNMENT_WORK, JOINING_GOVERNMENT_CAMPAIGN } from '../../src/lib/server/seed/demo-data';
import { campaignChoices } from '../../src/lib/server/campaigns/queries';
import { campaignsOfUnit } from '../../src/lib/server/campaigns/participation';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { rebuildBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import { freePort, NODE_TSX, ROOT, SERVER_ENTRY, startServer, tempDbPath } from '../helpers/server';
import { NOW } from '../helpers/clock';
import { until, within } from '../helpers/wait';

let t: TempDb | null = null;
afterEach(() => t?.close());

/** The Tỉnh đoàn's tree, and the UBND tỉnh (owner of the second demo campaign). */
const EXPECTED_UNITS =
	2 + DISTRICTS.length + DISTRICTS.flatMap((d) => d.children ?? []).reduce((n, g) => n + 1 + (g.children?.length ?? 0), 0);
const EXPECTED_PEOPLE = 320 + DEMO_ACCOUNTS.length;

function counts(path: string) {
	// Read-write: after a kill -9 the WAL may need recovery, which a read-only connection cannot do.
	const db = new Database(path);
	try {
		const migrated = db.prepare("select count(*) from sqlite_master where name = 'units'").pluck().get() === 1;
		// Killed before the migration transaction committed: no tables at all, which is "nothing".
		if (!migrated) return { integrity: db.pragma('integrity_check', { simple: true }), migrated, units: 0, people: 0, demo: 0 };
		return {
			integrity: db.pragma('integrity_check', { simple: true }),
			migrated,
			units: db.prepare('select count(*) from units').pluck().get(),
			people: db.prepare('select count(*) from people').pluck().get(),
			demo: db.prepare("select count(*) from app_meta where key = 'demo'").pluck().get()
		};
	} finally {
		db.close();
	}
}

/**
 * What a second connection sees of a server starting on `path`, or null while the database is not yet in WAL
 * mode (opening it earlier could hold a lock just when the server switches journal modes). `writing`: some
 * connection holds the write lock — after the migration has committed, only the seed's transaction takes it.
 */
function peek(path: string): { migrated: boolean; units: number; writing: boolean } | null {
	if (!existsSync(`${path}-wal`)) return null;
	const db = new Database(path, { fileMustExist: true, timeout: 0 });
	try {
		const migrated = db.prepare("select count(*) from sqlite_master where name = 'units'").pluck().get() === 1;
		const units = migrated ? (db.prepare('select count(*) from units').pluck().get() as number) : 0;
		let writing = false;
		try {
			db.exec('BEGIN IMMEDIATE');
			db.exec('ROLLBACK');
		} catch (err) {
			if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
			writing = true;
		}
		return { migrated, units, writing };
	} finally {
		db.close();
	}
}

/** The production entry starting on an empty `path`, with the demo seed (as `npm start` does). */
async function starting(path: string) {
	const proc = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', DATABASE_PATH: path },
		stdio: 'ignore'
	});
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	return {
		proc,
		/** Polls `check` (every 2 ms) while the server starts; fails if the server exits or `timeoutMs` passes first. */
		async when(check: () => boolean, what: string, timeoutMs = 90_000) {
			await until(
				() => {
					if (proc.exitCode !== null || proc.signalCode !== null)
						throw new Error(`the server exited (${proc.exitCode ?? proc.signalCode}) before ${what}`);
					return check();
				},
				timeoutMs,
				what,
				2
			);
		},
		async kill9() {
			proc.kill('SIGKILL');
			await within(10_000, 'the killed server exits', exited);
		}
	};
}

/**
 * Node has left the dynamic loader and runs its own threads (Linux /proc). Killed earlier, a process under
 * faketime could die inside libfaketime's constructor holding the semaphore every process of the run shares.
 */
function nodeRunning(pid: number): boolean {
	try {
		return readdirSync(`/proc/${pid}/task`).length > 1;
	} catch {
		return false;
	}
}

describe('demo seed', () => {
	it('seeds the province, 13 district-level unions and the demo accounts once', async () => {
		t = tempDatabase();
		expect(DISTRICTS).toHaveLength(13);
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('seeded');
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('already-demo');
		expect(counts(t.path)).toMatchObject({ units: EXPECTED_UNITS, people: EXPECTED_PEOPLE, demo: 1 });
		const tama = t.db.$client
			.prepare(
				"select u.name from units u join units p on p.id = u.parent_id where u.name = 'Đoàn xã Ta Ma' and p.name = 'Huyện đoàn Tuần Giáo'"
			)
			.get();
		expect(tama).toBeDefined();
	});

	it('runs two campaigns sharing units, each with approved work of its own, and boards that match the ledger', async () => {
		t = tempDatabase();
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('seeded');
		const [youth, government] = campaignChoices(t.db);
		expect(youth?.slug).toBe('tuoi-tre-dien-bien-tien-phong-chuyen-doi-so');
		expect(government?.slug).toBe('dien-bien-chuyen-doi-so-kh-2158');
		const approved = t.db.$client
			.prepare(
				`select a.campaign_id as campaign, count(*) as n from initiatives i join activity_types a on a.id = i.activity_type_id
				 where i.status = 'approved' group by 1 order by 1`
			)
			.all();
		expect(approved).toEqual([
			{ campaign: youth!.id, n: 260 },
			{ campaign: government!.id, n: GOVERNMENT_WORK }
		]);
		// The Tỉnh đoàn's units under the joined ones take part in both; the others only in the Tỉnh đoàn's.
		const unitId = (name: string) => t!.db.$client.prepare('select id from units where name = ?').pluck().get(name) as number;
		const ids = (name: string) => campaignsOfUnit(t!.db, unitId(name)).map((c) => c.id);
		expect(ids('Đoàn xã Ta Ma')).toEqual([youth!.id, government!.id]);
		expect(ids('Chi đoàn bản Keo Lôm 1')).toEqual([youth!.id, government!.id]);
		expect(ids('Đoàn xã Lay Nưa')).toEqual([youth!.id]);
		expect(ids('UBND tỉnh Điện Biên')).toEqual([government!.id]);
		// Only joined units earned points in the second campaign, and its boards are not the first one's.
		const paths = t.db.$client
			.prepare("select distinct scope_path from point_entries where campaign_id = ? and subject_type = 'branch'")
			.pluck()
			.all(government!.id) as string[];
		const joined = JOINING_GOVERNMENT_CAMPAIGN.map(
			(name) => t!.db.$client.prepare('select path from units where name = ?').pluck().get(name) as string
		);
		expect(paths.length).toBeGreaterThan(0);
		expect(paths.every((p) => joined.some((j) => p.startsWith(j)))).toBe(true);
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		expect(await verifyBoards(t.db, store)).toEqual([]);
		const board = (c: number) =>
			boardKey({ campaignId: c, subjectType: 'district', scopeUnitId: unitId('Tỉnh đoàn Điện Biên'), periodCode: 'Y2025', area: null });
		const youthBoard = await store.scores(board(youth!.id));
		const governmentBoard = await store.scores(board(government!.id));
		expect(governmentBoard.size).toBeGreaterThan(0);
		expect(governmentBoard.size).toBeLessThan(youthBoard.size);
		// The first campaign's badges count only its own rows; the second one's badges stay dormant.
		const evidence = t.db.$client
			.prepare(
				'select p.campaign_id as campaign, count(*) as n from badge_awards b, json_each(b.evidence) e join point_entries p on p.id = e.value group by 1'
			)
			.all();
		expect(evidence).toEqual([{ campaign: youth!.id, n: expect.any(Number) }]);
		const foreign = t.db.$client
			.prepare('select count(*) from badge_awards b join badge_definitions d on d.code = b.badge_code where d.campaign_id <> ?')
			.pluck()
			.get(youth!.id);
		expect(foreign).toBe(0);
	});

	it('never runs over a database that has real data', async () => {
		t = tempDatabase();
		insertUnit(t.db, null, 'UBND xã Bình Thuận', 'commune');
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('has-data');
		expect(counts(t.path)).toMatchObject({ units: 1, people: 0, demo: 0 });
	});

	it('npm run db:seed refuses a database with real data', async () => {
		t = tempDatabase();
		insertUnit(t.db, null, 'UBND xã Ta Ma', 'commune');
		const code = await new Promise<number | null>((ok) => {
			const p = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'scripts/db-seed.ts'], {
				cwd: ROOT,
				env: { ...process.env, DATABASE_PATH: t!.path },
				stdio: 'ignore'
			});
			p.once('exit', ok);
		});
		expect(code).toBe(1);
		expect(counts(t.path).units).toBe(1);
	});

	it('kill -9 during start-up seeding leaves either nothing or everything; the next start is whole', async () => {
		// Four kills, each at a moment the test watches the server reach (not after a blind delay, which lands
		// elsewhere on a fast or a loaded machine), each retried if the server moved on before the kill landed.
		const cases: Array<{
			name: string;
			at: (path: string, pid: number) => boolean;
			hit: (after: ReturnType<typeof counts> | null) => boolean;
		}> = [
			{ name: 'before the database file exists', at: (path, pid) => nodeRunning(pid) && !existsSync(path), hit: (after) => after === null },
			{
				name: 'as the database file appears (opening, migrating)',
				at: (path) => existsSync(path),
				hit: (after) => after !== null && after.units === 0
			},
			{
				name: 'mid-seed (the seed transaction holds the write lock)',
				at: (path) => {
					const seen = peek(path);
					return !!seen && seen.migrated && seen.units === 0 && seen.writing;
				},
				hit: (after) => after?.migrated === true && after.units === 0
			},
			{ name: 'after the seed committed', at: (path) => (peek(path)?.units ?? 0) > 0, hit: (after) => after?.units === EXPECTED_UNITS }
		];
		const report: string[] = [];
		for (const { name, at, hit } of cases) {
			let attempts = 0;
			let landed = false;
			while (!landed && attempts < 3) {
				attempts++;
				const path = tempDbPath();
				const started = performance.now();
				const server = await starting(path);
				await server.when(() => at(path, server.proc.pid!), name);
				await server.kill9();
				const killedAfter = Math.round(performance.now() - started);
				const after = existsSync(path) ? counts(path) : null;
				// Whatever the moment, the database holds all of the seed or none of it.
				if (after) {
					expect(after.integrity, name).toBe('ok');
					expect([0, EXPECTED_UNITS], name).toContain(after.units);
					expect([0, EXPECTED_PEOPLE], name).toContain(after.people);
					expect(after.demo, name).toBe(after.units === 0 ? 0 : 1);
				}
				landed = hit(after);
				// ...and the next start makes it whole.
				const restarted = performance.now();
				const again = await startServer({ DATABASE_PATH: path });
				const health = await (await fetch(`${again.url}/api/health`)).json();
				expect(health.database, name).toBe('ok');
				expect(await again.stop(), name).toBe(0);
				expect(counts(path), name).toMatchObject({ integrity: 'ok', units: EXPECTED_UNITS, people: EXPECTED_PEOPLE, demo: 1 });
				const state = after === null ? 'no file' : after.units === 0 ? (after.migrated ? 'migrated, empty' : 'no tables') : 'seeded';
				report.push(
					`${name}: ${state}${landed ? '' : ' (missed, again)'} [killed at ${killedAfter} ms, next start whole in ${Math.round(performance.now() - restarted)} ms]`
				);
			}
			expect(landed, `killed ${name} within 3 attempts`).toBe(true);
		}
		console.info(`[seed kill -9] ${report.join('; ')}`);
	}, 300_000);
});
