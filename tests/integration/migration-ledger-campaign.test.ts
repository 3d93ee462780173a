import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDb } from '../helpers/db';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/server';
import { boardsFromLedger } from '../../src/lib/server/scoring/projection';
import { NOW } from '../helpers/clock';

let t: TempDb;
afterEach(() => t?.close());

describe('migration 0011: the ledger names its campaign', () => {
	it('moves the demo database’s existing ledger into its campaign with nothing lost, and keeps the ledger append-only', async () => {
		t = tempDatabase();
		expect(await seedDemoIfEmpty(t.db, NOW)).toBe('seeded');
		const sql = t.db.$client;
		const before = sql.prepare('select id, initiative_id, points, campaign_id from point_entries order by id').all() as Array<{
			id: number;
			initiative_id: number;
			points: number;
			campaign_id: number;
		}>;
		expect(before.length).toBeGreaterThan(1000);
		const boards = boardsFromLedger(t.db);

		// Back to the ledger as the previous version left it (no column), then the migration's own statements.
		// (Today's subject index holds the column too: it goes back to its shape of that time.)
		sql.exec(
			'DROP INDEX point_entries_campaign_idx; DROP INDEX point_entries_subject_idx; ALTER TABLE point_entries DROP COLUMN campaign_id; CREATE INDEX point_entries_subject_idx ON point_entries (subject_type, subject_id);'
		);
		expect(sql.prepare("select count(*) from pragma_table_info('point_entries') where name = 'campaign_id'").pluck().get()).toBe(0);
		const migration = readFileSync(join(ROOT, 'drizzle', '0011_ledger_campaign.sql'), 'utf8');
		sql.transaction(() => {
			for (const statement of migration.split('--> statement-breakpoint')) sql.exec(statement);
		})();
		const after = sql.prepare('select id, initiative_id, points, campaign_id from point_entries order by id').all();
		expect(after).toEqual(before);
		expect(boardsFromLedger(t.db)).toEqual(boards);
		// The trigger lifted for the backfill is back.
		expect(() => sql.prepare('update point_entries set points = 0 where id = 1').run()).toThrow(/append-only/);
	});
});
