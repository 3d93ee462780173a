import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { insertUnit, tempDatabase, type TempDb } from '../helpers/db';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { DISTRICTS } from '../../src/lib/server/seed/demo-data';
import { freePort, NODE_TSX, ROOT, startServer, tempDbPath } from '../helpers/server';
import { NOW } from '../helpers/clock';

let t: TempDb | null = null;
afterEach(() => t?.close());

const EXPECTED_UNITS = 1 + DISTRICTS.length + DISTRICTS.flatMap((d) => d.children ?? []).reduce((n, g) => n + 1 + (g.children?.length ?? 0), 0);
const EXPECTED_PEOPLE = 320 + DEMO_ACCOUNTS.length;

function counts(path: string) {
	// Read-write: after a kill -9 the WAL may need recovery, which a read-only connection cannot do.
	const db = new Database(path);
	try {
		const migrated = db.prepare("select count(*) from sqlite_master where name = 'units'").pluck().get() === 1;
		// Killed before the migration transaction committed: no tables at all, which is "nothing".
		if (!migrated) return { integrity: db.pragma('integrity_check', { simple: true }), units: 0, people: 0, demo: 0 };
		return {
			integrity: db.pragma('integrity_check', { simple: true }),
			units: db.prepare('select count(*) from units').pluck().get(),
			people: db.prepare('select count(*) from people').pluck().get(),
			demo: db.prepare("select count(*) from app_meta where key = 'demo'").pluck().get()
		};
	} finally {
		db.close();
	}
}

describe('demo seed', () => {
	it('seeds the province, 13 district-level unions and the demo accounts once', async () => {
		t = tempDatabase();
		expect(DISTRICTS).toHaveLength(13);
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('seeded');
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('already-demo');
		expect(counts(t.path)).toMatchObject({ units: EXPECTED_UNITS, people: EXPECTED_PEOPLE, demo: 1 });
		const tama = t.db.$client.prepare("select u.name from units u join units p on p.id = u.parent_id where u.name = 'Đoàn xã Ta Ma' and p.name = 'Huyện đoàn Tuần Giáo'").get();
		expect(tama).toBeDefined();
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
			const p = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'scripts/db-seed.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: t!.path }, stdio: 'ignore' });
			p.once('exit', ok);
		});
		expect(code).toBe(1);
		expect(counts(t.path).units).toBe(1);
	});

	it('kill -9 during start-up seeding leaves either nothing or everything; the next start is whole', async () => {
		const outcomes: string[] = [];
		// A sweep of kill times across start-up: before the file exists, during migration and seeding, after.
		for (let delayMs = 250; delayMs <= 1000; delayMs += 75) {
			const path = tempDbPath();
			const proc = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'server.ts'], {
				cwd: ROOT,
				env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', DATABASE_PATH: path },
				stdio: 'ignore'
			});
			await new Promise((r) => setTimeout(r, delayMs));
			proc.kill('SIGKILL');
			await new Promise((r) => proc.once('exit', r));
			if (existsSync(path)) {
				const c = counts(path);
				expect(c.integrity).toBe('ok');
				expect([0, EXPECTED_UNITS]).toContain(c.units);
				expect([0, EXPECTED_PEOPLE]).toContain(c.people);
				outcomes.push(c.units === 0 ? 'empty' : 'seeded');
			} else outcomes.push('no-file');
			const again = await startServer({ DATABASE_PATH: path });
			const health = await (await fetch(`${again.url}/api/health`)).json();
			expect(health.database).toBe('ok');
			await again.stop();
			expect(counts(path)).toMatchObject({ integrity: 'ok', units: EXPECTED_UNITS, people: EXPECTED_PEOPLE, demo: 1 });
		}
		console.info(`[seed kill -9] outcomes by delay: ${outcomes.join(', ')}`);
	}, 120_000);
});
