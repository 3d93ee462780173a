import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
	campaignFixture,
	contextFor,
	insertPerson,
	insertUnit,
	orgFixture,
	rowCounts,
	scoringFixture,
	tempDatabase,
	type TempDb
} from '../helpers/db';
import { approved, loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { saveInitiative } from '../../src/lib/server/initiatives/save';
import { updateInitiative } from '../../src/lib/server/initiatives/service';
import { formOptions } from '../../src/lib/server/initiatives/form-data';
import { reviewQueue } from '../../src/lib/server/initiatives/review';
import { initiativeFacts } from '../../src/lib/server/initiatives/queries';
import { campaignsOfUnit, joinCampaign } from '../../src/lib/server/campaigns/participation';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { rebuildBoards, syncBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { parseBoardKey } from '../../src/lib/domain/scoring/boards';
import { can } from '../../src/lib/domain/permissions';
import { t as msg } from '../../src/lib/i18n';
import { NODE_TSX, ROOT } from '../helpers/server';
import { NOW } from '../helpers/clock';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
/** The Tỉnh đoàn's campaign over its tree P, and the UBND tỉnh's, owned by a root of its own and joined by D1. */
let youth: ReturnType<typeof campaignFixture>;
let government: ReturnType<typeof campaignFixture>;
let ubnd: ReturnType<typeof insertUnit>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	youth = campaignFixture(t.db, f.units.P.id, false, 'tinh-doan');
	scoringFixture(t.db, youth);
	ubnd = insertUnit(t.db, null, 'UBND tỉnh', 'province');
	// The UBND's campaign lets grassroots unions verify their branches; the Tỉnh đoàn's does not.
	government = campaignFixture(t.db, ubnd.id, true, 'ubnd-tinh');
	scoringFixture(t.db, government);
	joinCampaign(t.db, government.campaign.id, f.units.D1.id, '2026-01-01', NOW);
});
afterEach(() => t.close());

describe('units take part in campaigns', () => {
	it("the owner's tree and the subtrees of units that joined", () => {
		const ids = (unitId: number) => campaignsOfUnit(t.db, unitId).map((c) => c.slug);
		expect(ids(f.units.B1a1.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(ids(f.units.D1.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(ids(f.units.B2a1.id)).toEqual(['tinh-doan']);
		expect(ids(f.units.P.id)).toEqual(['tinh-doan']);
		expect(ids(ubnd.id)).toEqual(['ubnd-tinh']);
	});

	it('logging work in a campaign the unit does not take part in is refused, in Vietnamese, with nothing written', async () => {
		const d2Secretary = insertPerson(t.db, 'Bí thư G2a', { unitId: f.units.G2a.id, role: 'unit_admin' });
		const before = rowCounts(t.db);
		const refused = await saveInitiative(contextFor(t.db, d2Secretary.id), null, vneidSession(government, f.units.B2a1.id), [], t.dir);
		expect(refused).toEqual({ ok: false, errors: { activityTypeId: msg('initiative.campaignNotJoined') } });
		expect(msg('initiative.campaignNotJoined')).toBe('Đơn vị này không tham gia phong trào của loại hoạt động đã chọn.');
		expect(rowCounts(t.db)).toEqual(before);
		// The same unit logs in the campaign it takes part in; a unit under D1 logs in either.
		expect((await saveInitiative(contextFor(t.db, d2Secretary.id), null, vneidSession(youth, f.units.B2a1.id), [], t.dir)).ok).toBe(true);
		const g1a = contextFor(t.db, f.people.g1aAdmin.id);
		expect((await saveInitiative(g1a, null, vneidSession(government, f.units.B1a1.id), [], t.dir)).ok).toBe(true);
	});

	it('once logged, work stays in its campaign: an edit cannot move it to another one', () => {
		const g1a = contextFor(t.db, f.people.g1aAdmin.id);
		const id = loggedInitiative(g1a, vneidSession(youth, f.units.B1a1.id));
		const before = rowCounts(t.db);
		const moved = updateInitiative(g1a, id, vneidSession(government, f.units.B1a1.id));
		expect(moved.ok).toBe(false);
		expect(!moved.ok && moved.errors.activityTypeId).toContain('Không đổi được phong trào');
		expect(rowCounts(t.db)).toEqual(before);
	});

	it("the form's campaigns and catalogue follow the unit and the chosen campaign", () => {
		const typeIds = (o: ReturnType<typeof formOptions>) => o.catalogue.map((a) => a.id);
		const byDefault = formOptions(t.db, f.units.B1a1.id);
		expect(byDefault.campaigns.map((c) => c.slug)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(byDefault.campaignSlug).toBe('tinh-doan');
		expect(typeIds(byDefault)).toEqual([youth.vneid.id, youth.training.id]);
		const chosen = formOptions(t.db, f.units.B1a1.id, { slug: 'ubnd-tinh' });
		expect(chosen.campaignSlug).toBe('ubnd-tinh');
		expect(typeIds(chosen)).toEqual([government.vneid.id, government.training.id]);
		expect(chosen.multiCampaign).toBe(true);
		// A campaign the unit is not in cannot be chosen: its own campaign stays.
		const outside = formOptions(t.db, f.units.B2a1.id, { slug: 'ubnd-tinh' });
		expect(outside.campaigns.map((c) => c.slug)).toEqual(['tinh-doan']);
		expect(typeIds(outside)).toEqual([youth.vneid.id, youth.training.id]);
		// Editing: the catalogue of the campaign the work was logged in.
		expect(typeIds(formOptions(t.db, f.units.B1a1.id, { activityTypeId: government.training.id }))).toEqual([
			government.vneid.id,
			government.training.id
		]);
	});

	it('verification follows the policy of the campaign the work belongs to, not the first campaign', () => {
		const author = insertPerson(t.db, 'Bí thư chi đoàn', { unitId: f.units.B1a1.id, role: 'unit_admin' });
		const ctx = contextFor(t.db, author.id);
		const inYouth = submitted(ctx, loggedInitiative(ctx, vneidSession(youth, f.units.B1a1.id)));
		const inGovernment = submitted(ctx, loggedInitiative(ctx, vneidSession(government, f.units.B1a1.id)));
		const g1a = contextFor(t.db, f.people.g1aAdmin.id);
		const verifies = (id: number, typeId: number) =>
			can(g1a.actor, 'initiative.verify', { kind: 'initiative', ...initiativeFacts(t.db, f.units.B1a1.id, null, author.id, id, typeId)! });
		expect(verifies(inYouth, youth.vneid.id)).toBe(false);
		expect(verifies(inGovernment, government.vneid.id)).toBe(true);
		const queue = reviewQueue(t.db, g1a.actor!, { unitId: null, activityTypeId: null, olderThanDays: null }, NOW).items;
		expect(queue.map((i) => [i.id, i.campaignName])).toEqual([[inGovernment, 'Phong trào ubnd-tinh']]);
		// The district verifies both, each named with its campaign.
		const d1 = reviewQueue(
			t.db,
			contextFor(t.db, f.people.d1Admin.id).actor!,
			{ unitId: null, activityTypeId: null, olderThanDays: null },
			NOW
		).items;
		expect(d1.map((i) => i.campaignName).sort()).toEqual(['Phong trào tinh-doan', 'Phong trào ubnd-tinh']);
	});

	it("approving the second campaign's work moves only its boards, and both campaigns' boards match the ledger", async () => {
		const store = new MemoryLeaderboardStore();
		const g1a = contextFor(t.db, f.people.g1aAdmin.id);
		const d1 = contextFor(t.db, f.people.d1Admin.id);
		approved(d1, submitted(g1a, loggedInitiative(g1a, vneidSession(youth, f.units.B1a1.id, { participantIds: [f.people.member.id] }))));
		await rebuildBoards(t.db, store);
		const youthBefore = new Map<string, Map<string, number>>();
		for (const key of await store.keys()) youthBefore.set(key, await store.scores(key));

		const id = submitted(g1a, loggedInitiative(g1a, vneidSession(government, f.units.B1a1.id, { participantIds: [f.people.member.id] })));
		const step = approved(d1, id);
		expect(step.ledger.length).toBeGreaterThan(0);
		expect(step.ledger.every((e) => e.campaignId === government.campaign.id)).toBe(true);
		const synced = await syncBoards(t.db, store);
		expect(synced.keys.length).toBeGreaterThan(0);
		expect(synced.keys.every((k) => k.startsWith(`${government.campaign.id}|`))).toBe(true);
		// The unit's district ranks on the UBND's district board within the Tỉnh đoàn's tree, where its work is.
		const districtBoard = `${government.campaign.id}|district|${f.units.P.id}|Y2026`;
		expect((await store.scores(districtBoard)).get(String(f.units.D1.id))).toBeGreaterThan(0);
		// Every board of the first campaign is as it was.
		for (const [key, scores] of youthBefore) expect(await store.scores(key), key).toEqual(scores);

		const differences = await verifyBoards(t.db, store);
		expect(differences).toEqual([]);
		const campaignsChecked = new Set((await store.keys()).map((k) => parseBoardKey(k)?.campaignId));
		expect(campaignsChecked).toEqual(new Set([youth.campaign.id, government.campaign.id]));

		// The command says so campaign by campaign.
		const run = spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), 'scripts/ledger-verify.ts'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_PATH: t.path, REDIS_URL: '' },
			encoding: 'utf8'
		});
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain('tinh-doan (Phong trào tinh-doan): khớp sổ điểm');
		expect(run.stdout).toContain('ubnd-tinh (Phong trào ubnd-tinh): khớp sổ điểm');
	});
});
