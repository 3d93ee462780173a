import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDb } from '../helpers/db';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { rebuildBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { campaignChoices, type CampaignChoice } from '../../src/lib/server/campaigns/queries';
import { campaignTotals, recentApprovals, showcaseBoards, showcaseScope } from '../../src/lib/server/showcase/queries';

let t: TempDb;
let campaign: CampaignChoice | null;
const store = new MemoryLeaderboardStore();

beforeAll(async () => {
	t = tempDatabase();
	await seedDemoIfEmpty(t.db, Date.parse('2026-11-25T10:00:00+07:00'));
	await rebuildBoards(t.db, store);
	campaign = campaignChoices(t.db)[0]!;
});
afterAll(() => t.close());

const sql = (query: string, ...params: unknown[]) => t.db.$client.prepare(query).run(...params);

describe('showcase data', () => {
	it('shows the province-wide boards of the year asked for, else the last period', async () => {
		const shown = await showcaseBoards(t.db, store, campaign, '2026');
		expect(shown?.periodName).toBe('Năm 2026');
		expect(shown?.boards.map((b) => b.snapshot.key)).toEqual(['1|district|1|Y2026', '1|team|1|Y2026', '1|member|1|Y2026']);
		// The demo's first unit level with boards, in the words of its campaign file.
		expect(shown?.boards.map((b) => b.label)).toEqual(['Đoàn cấp huyện', 'Đội hình', 'Đoàn viên']);
		expect(shown?.boards[0]!.snapshot.rows.length).toBeGreaterThanOrEqual(3);
		const later = await showcaseBoards(t.db, store, campaign, '2099');
		expect(later?.boards[0]!.snapshot.key).toMatch(/^1\|district\|1\|/);
	});

	it('a district’s own screen ranks the units under it, and counts and lists only its own work', async () => {
		const district = t.db.$client.prepare("select id, path from units where name = 'Huyện đoàn Tuần Giáo'").get() as {
			id: number;
			path: string;
		};
		const scope = showcaseScope(t.db, campaign, district.id)!;
		expect(scope).toMatchObject({ id: district.id, name: 'Huyện đoàn Tuần Giáo' });
		const shown = await showcaseBoards(t.db, store, campaign, '2026', scope);
		expect(shown?.boards.map((b) => b.snapshot.key)).toEqual([
			`1|grassroots|${district.id}|Y2026`,
			`1|team|${district.id}|Y2026`,
			`1|member|${district.id}|Y2026`
		]);
		expect(shown?.boards[0]!.snapshot.rows.length).toBeGreaterThan(0);

		const provinceTotal = t.db.$client
			.prepare(
				"select sum(coalesce(m.approved_value, m.value)) from initiative_measures m join initiatives i on i.id = m.initiative_id where i.status = 'approved' and m.measure_id = ?"
			)
			.pluck();
		const own = campaignTotals(t.db, campaign, 50, scope);
		expect(own.length).toBeGreaterThan(0);
		for (const x of own) expect(x.total).toBeLessThan(provinceTotal.get(x.measureId) as number);

		const inDistrict = t.db.$client.prepare('select name from units where path like ?').pluck().all(`${district.path}%`) as string[];
		const recent = recentApprovals(t.db, 8, scope);
		expect(recent.length).toBeGreaterThan(0);
		for (const item of recent) expect(inDistrict).toContain(item.unitName);
		expect(showcaseScope(t.db, campaign, 999_999)).toBeNull();
	});

	it('sums approved work per measure, the verifier’s figure first, one measure per activity, largest first', () => {
		const totals = campaignTotals(t.db, campaign, 50);
		const activities = t.db.$client.prepare('select activity_type_id from activity_measures where id = ?').pluck();
		const types = totals.map((x) => activities.get(x.measureId));
		expect(new Set(types).size).toBe(types.length);
		expect(totals.map((x) => x.total)).toEqual([...totals.map((x) => x.total)].sort((a, b) => b - a));
		expect(campaignTotals(t.db, campaign)).toHaveLength(4);

		const vneid = totals.find((x) => x.activityName.includes('VNeID'))!;
		const row = t.db.$client
			.prepare(
				`select im.initiative_id as id, im.value from initiative_measures im join initiatives i on i.id = im.initiative_id where im.measure_id = ? and i.status = 'approved' limit 1`
			)
			.get(vneid.measureId) as { id: number; value: number };
		const totalOf = () => campaignTotals(t.db, campaign, 50).find((x) => x.measureId === vneid.measureId)!.total;
		sql(
			'update initiative_measures set approved_value = ? where initiative_id = ? and measure_id = ?',
			row.value + 7,
			row.id,
			vneid.measureId
		);
		expect(totalOf()).toBe(vneid.total + 7);
		sql(`update initiatives set status = 'revoked' where id = ?`, row.id);
		expect(totalOf()).toBe(vneid.total - row.value);
		sql(`update initiatives set status = 'approved' where id = ?`, row.id);
		sql('update initiative_measures set approved_value = null where initiative_id = ? and measure_id = ?', row.id, vneid.measureId);
	});

	it('lists the latest approvals first, with a thumbnail only when the photos are public', () => {
		const recent = recentApprovals(t.db, 8);
		expect(recent).toHaveLength(8);
		expect(recent.map((r) => r.at)).toEqual([...recent.map((r) => r.at)].sort((a, b) => b - a));

		const [first, second] = recent as [(typeof recent)[0], (typeof recent)[0]];
		for (const [id, initiativeId] of [
			['anh-a', first.initiativeId],
			['anh-b', second.initiativeId]
		] as const) {
			sql(
				'insert into photos (id, initiative_id, position, sha256, width, height, created_at) values (?, ?, 0, ?, 800, 600, 0)',
				id,
				initiativeId,
				id
			);
		}
		sql('update initiatives set photos_show_children = 1, guardian_consent_at = null where id = ?', second.initiativeId);
		const withPhotos = recentApprovals(t.db, 2);
		expect(withPhotos[0]!.photo).toBe('/anh/anh-a/nho');
		expect(withPhotos[1]!.photo).toBeNull();
		sql('update initiatives set guardian_consent_at = 1 where id = ?', second.initiativeId);
		expect(recentApprovals(t.db, 2)[1]!.photo).toBe('/anh/anh-b/nho');
		sql('update photos set removed_at = 1 where id = ?', 'anh-a');
		expect(recentApprovals(t.db, 2)[0]!.photo).toBeNull();
	});

	it('leaves out revoked works and shows a work approved twice once, at its latest approval', () => {
		const before = recentApprovals(t.db, 8);
		const [newest, second] = before as [(typeof before)[0], (typeof before)[0]];
		const oldest = before.at(-1)!;
		sql(`update initiatives set status = 'revoked' where id = ?`, newest.initiativeId);
		expect(recentApprovals(t.db, 8).map((r) => r.initiativeId)).not.toContain(newest.initiativeId);
		sql(`update initiatives set status = 'approved' where id = ?`, newest.initiativeId);

		const actor = (
			t.db.$client.prepare('select actor_id as id from activity_events where initiative_id = ?').get(oldest.initiativeId) as { id: number }
		).id;
		sql(
			`insert into activity_events (initiative_id, type, snapshot, actor_id, at, idempotency_key) values (?, 'approved', '{}', ?, ?, 'again')`,
			oldest.initiativeId,
			actor,
			newest.at + 1
		);
		const after = recentApprovals(t.db, 8);
		expect(after[0]).toMatchObject({ initiativeId: oldest.initiativeId, at: newest.at + 1 });
		expect(after.filter((r) => r.initiativeId === oldest.initiativeId)).toHaveLength(1);
		expect(after.slice(1, 3).map((r) => r.initiativeId)).toEqual([newest.initiativeId, second.initiativeId]);
	});
});
