import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, vneidSession } from '../helpers/factories';
import { boardsFromLedger, syncBoards, rebuildBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { entriesBehind } from '../../src/lib/server/scoring/boards';
import { leaderboardPage } from '../../src/lib/server/scoring/leaderboard-page';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import { badgeAwards, badgeDefinitions, pointEntries } from '../../src/lib/server/db/schema';
import { evaluateBadges } from '../../src/lib/server/scoring/badges';
import { NOW } from '../helpers/clock';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
/** Two campaigns over the same units, both with a period coded Y2026 (as the Tỉnh đoàn's and the UBND's would). */
let youth: ReturnType<typeof campaignFixture>;
let government: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	youth = campaignFixture(t.db, f.units.P.id, false, 'tinh-doan');
	scoringFixture(t.db, youth);
	government = campaignFixture(t.db, f.units.P.id, false, 'ubnd-tinh');
	scoringFixture(t.db, government);
});
afterEach(() => t.close());

/** VNeID work in B1a1 on 2/3/2026 with the member taking part, logged in one campaign and approved by D1. */
function approvedIn(c: typeof youth, people: string) {
	const input = vneidSession(c, f.units.B1a1.id, { day: '2026-03-02', people, participantIds: [f.people.member.id] });
	const { result } = approvedInitiative(contextFor(t.db, f.people.g1aAdmin.id), contextFor(t.db, f.people.d1Admin.id), input);
	if (!result.ok) throw new Error('approval refused');
	return result;
}

const memberBoard = (c: typeof youth) =>
	boardKey({ campaignId: c.campaign.id, subjectType: 'member', scopeUnitId: f.units.P.id, periodCode: 'Y2026', area: null });
const districtBoard = (c: typeof youth) =>
	boardKey({ campaignId: c.campaign.id, subjectType: 'district', scopeUnitId: f.units.P.id, periodCode: 'Y2026', area: null });

describe('two campaigns sharing units and a period code', () => {
	it('keep separate boards, ranks and explain pages: an approval in one never moves the other', async () => {
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		approvedIn(youth, '125');
		const synced = await syncBoards(t.db, store);
		// Only the youth campaign's boards moved.
		expect(synced.keys.length).toBeGreaterThan(0);
		expect(synced.keys.every((k) => k.startsWith(`${youth.campaign.id}|`))).toBe(true);
		expect(await store.row(memberBoard(youth), String(f.people.member.id))).toMatchObject({ score: 22, rank: 1 });
		expect(await store.row(memberBoard(government), String(f.people.member.id))).toBeNull();

		approvedIn(government, '405');
		const second = await syncBoards(t.db, store);
		expect(second.keys.every((k) => k.startsWith(`${government.campaign.id}|`))).toBe(true);
		expect(await store.row(memberBoard(youth), String(f.people.member.id))).toMatchObject({ score: 22 });
		expect(await store.row(memberBoard(government), String(f.people.member.id))).toMatchObject({ score: 50 });
		expect(await store.row(districtBoard(government), String(f.units.D1.id))).toMatchObject({ score: 50 });

		// Each ledger row names its campaign, and each explain page lists only its own campaign's rows.
		const rows = t.db.select().from(pointEntries).all();
		expect(new Set(rows.map((r) => r.campaignId))).toEqual(new Set([youth.campaign.id, government.campaign.id]));
		const all = { offset: 0, limit: 100 };
		expect(entriesBehind(t.db, { ...specOf(youth), subjectType: 'member' }, f.people.member.id, all).entries.map((e) => e.points)).toEqual([
			22
		]);
		expect(
			entriesBehind(t.db, { ...specOf(government), subjectType: 'member' }, f.people.member.id, all).entries.map((e) => e.points)
		).toEqual([50]);

		// The projection from the ledger agrees, campaign by campaign.
		expect(await verifyBoards(t.db, store)).toEqual([]);
		const fromLedger = boardsFromLedger(t.db);
		expect(fromLedger.get(memberBoard(youth))?.get(String(f.people.member.id))?.score).toBe(22);
		expect(fromLedger.get(memberBoard(government))?.get(String(f.people.member.id))?.score).toBe(50);
	});

	it('caps count within one campaign: a member capped in one still earns in the other', () => {
		// The fixture caps a member at 100 points a year per rule; 10 + 1 per 10 people → 1,000 people = 110.
		expect(approvedIn(youth, '1000').ledger.find((e) => e.subjectType === 'member')?.points).toBe(100);
		expect(approvedIn(youth, '1000').ledger.find((e) => e.subjectType === 'member')).toBeUndefined();
		expect(approvedIn(government, '1000').ledger.find((e) => e.subjectType === 'member')?.points).toBe(100);
	});
});

describe('badges per campaign', () => {
	/** The same "first approved work" badge in both campaigns (codes are unique in the installation). */
	function firstWorkBadges() {
		for (const c of [youth, government])
			t.db
				.insert(badgeDefinitions)
				.values({
					code: `first-work-${c.campaign.slug}`,
					name: 'Sáng kiến đầu tiên',
					howToEarn: 'Có sáng kiến đầu tiên được xác nhận.',
					icon: 'flag',
					spec: { kind: 'first', subject: 'member' },
					campaignId: c.campaign.id
				})
				.run();
	}
	const held = () =>
		t.db
			.select()
			.from(badgeAwards)
			.all()
			.filter((a) => a.revokedAt === null)
			.map((a) => a.badgeCode)
			.sort();

	it('work in one campaign earns that campaign’s badges only; the other’s follow its own work', () => {
		firstWorkBadges();
		approvedIn(government, '125');
		expect(held()).toEqual(['first-work-ubnd-tinh']);
		// Evaluating every campaign again changes nothing: the youth badge still has no youth work behind it.
		expect(evaluateBadges(t.db, [{ type: 'member', id: f.people.member.id }], NOW)).toEqual([]);
		approvedIn(youth, '125');
		expect(held()).toEqual(['first-work-tinh-doan', 'first-work-ubnd-tinh']);
	});

	it('the badge editor works on one campaign: its catalogue, its subjects, and no code of another campaign', async () => {
		const { saveBadge, allBadgeDefinitions, badgeCatalogue } = await import('../../src/lib/server/scoring/badge-definitions');
		approvedIn(government, '125');
		const province = contextFor(t.db, f.people.provinceAdmin.id);
		const badge = {
			code: 'chien-si-so',
			name: 'Chiến sĩ số',
			howToEarn: 'Tham gia 1 sáng kiến',
			icon: 'star',
			spec: { kind: 'count', subject: 'member', levels: [1] }
		};
		// Saved in the youth campaign, it finds no youth work yet: nobody holds it.
		expect(saveBadge(province, youth.campaign.id, badge)).toEqual({ ok: true, changes: 0 });
		expect(allBadgeDefinitions(t.db, youth.campaign.id).map((d) => d.code)).toEqual(['chien-si-so']);
		expect(allBadgeDefinitions(t.db, government.campaign.id)).toEqual([]);
		expect(badgeCatalogue(t.db, government.campaign.id)).toEqual([]);
		const refused = saveBadge(province, government.campaign.id, badge);
		expect(refused).toEqual({ ok: false, errors: ['Mã huy hiệu “chien-si-so” đã thuộc một phong trào khác: hãy chọn mã khác.'] });
		approvedIn(youth, '125');
		expect(badgeCatalogue(t.db, youth.campaign.id)[0]).toMatchObject({ code: 'chien-si-so', count: 1 });
	});
});

describe('the board page chooses its campaign by the slug in the URL', () => {
	it('shows the named campaign’s board and name, offers the others, and knows no other slug', async () => {
		const store = new MemoryLeaderboardStore();
		approvedIn(youth, '125');
		approvedIn(government, '405');
		await rebuildBoards(t.db, store);
		const ctx = { ...contextFor(t.db, null), boards: store };
		const query = { subject: 'member', scopeId: null, period: 'Y2026', area: null, perCapita: false };
		const byDefault = await leaderboardPage(ctx, { ...query, campaign: null });
		const government_ = await leaderboardPage(ctx, { ...query, campaign: 'ubnd-tinh' });
		expect(byDefault?.campaign).toEqual({ slug: 'tinh-doan', name: 'Phong trào tinh-doan' });
		expect(byDefault?.view?.rows.map((r) => r.score)).toEqual([22]);
		expect(government_?.campaign?.slug).toBe('ubnd-tinh');
		expect(government_?.view?.rows.map((r) => r.score)).toEqual([50]);
		expect(government_?.campaigns.map((c) => c.slug)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(await leaderboardPage(ctx, { ...query, campaign: 'khong-co' })).toBeNull();
	});
});

function specOf(c: typeof youth) {
	return { campaignId: c.campaign.id, subjectType: 'member', scopeUnitId: f.units.P.id, periodCode: 'Y2026', area: null };
}
