import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOW } from '../helpers/clock';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { takeStep, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { approvedInitiative, vneidSession } from '../helpers/factories';
import { createTeam } from '../../src/lib/server/teams/service';
import { boardsFromLedger } from '../../src/lib/server/scoring/projection';
import { writeAwards, writeReversals, type ApprovalSnapshot } from '../../src/lib/server/scoring/ledger';
import { activityEvents, pointEntries } from '../../src/lib/server/db/schema';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
});
afterEach(() => t.close());

/** VNeID work in B1a1 on 2/3/2026 with the member taking part, logged by G1a's secretary and approved by D1. */
function approvedWork(overrides: Partial<InitiativeInput> = {}, people = '125') {
	const input = vneidSession(c, f.units.B1a1.id, { day: '2026-03-02', people, participantIds: [f.people.member.id], ...overrides });
	return approvedInitiative(contextFor(t.db, f.people.g1aAdmin.id), contextFor(t.db, f.people.d1Admin.id), input);
}

const entries = () => t.db.select().from(pointEntries).all();
const board = (key: string) => Object.fromEntries([...(boardsFromLedger(t.db).get(key) ?? new Map())].map(([id, v]) => [id, v.score]));

describe('the ledger', () => {
	it('an approval credits exactly the subjects its rule names, in the same transaction', () => {
		const team = createTeam(contextFor(t.db, f.people.g1aAdmin.id), {
			name: 'Đội',
			kind: 'digital_volunteer',
			unitId: f.units.B1a1.id,
			leaderId: f.people.member.id,
			servedPlaces: [],
			helpers: [],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: []
		});
		if (!team.ok) throw new Error('team');
		const { result } = approvedWork({ teamId: team.team.id });
		expect(result.ok && result.ledger.map((e) => [e.subjectType, e.subjectId, e.points])).toEqual([
			['member', f.people.member.id, 22],
			['team', team.team.id, 22],
			['province', f.units.P.id, 22],
			['district', f.units.D1.id, 22],
			['grassroots', f.units.G1a.id, 22],
			['branch', f.units.B1a1.id, 22]
		]);
		// …on every board and period it belongs to: branch boards within G1a, D1 and P, for 2026 and phase II.
		expect(board(`${c.campaign.id}|branch|${f.units.G1a.id}|Y2026`)).toEqual({ [f.units.B1a1.id]: 22 });
		expect(board(`${c.campaign.id}|branch|${f.units.P.id}|PH2`)).toEqual({ [f.units.B1a1.id]: 22 });
		expect(board(`${c.campaign.id}|branch|${f.units.P.id}|PH2|1.4`)).toEqual({ [f.units.B1a1.id]: 22 });
		expect(board(`${c.campaign.id}|member|${f.units.B1a1.id}|Y2026`)).toEqual({ [f.people.member.id]: 22 });
		expect(boardsFromLedger(t.db).has(`${c.campaign.id}|branch|${f.units.B1a1.id}|Y2026`)).toBe(false);
		expect(boardsFromLedger(t.db).has(`${c.campaign.id}|member|${f.units.P.id}|Y2025`)).toBe(false);
	});

	it('revoking returns every board to the previous state', () => {
		approvedWork({ title: 'first' }, '40');
		const before = boardsFromLedger(t.db);
		const { id } = approvedWork({ title: 'second' }, '300');
		expect(boardsFromLedger(t.db)).not.toEqual(before);
		const revoke = takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'revoke', { reason: 'Trùng với báo cáo khác', seenRevision: 2 });
		expect(revoke.ok && revoke.ledger.every((e) => e.kind === 'reversal' && e.points < 0)).toBe(true);
		expect(boardsFromLedger(t.db)).toEqual(before);
	});

	it('approving twice counts once, and replaying an event writes nothing', () => {
		const { id } = approvedWork();
		const again = takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'approve', { reason: null, seenRevision: 1 });
		expect(again).toMatchObject({ ok: true, repeated: true, ledger: [] });
		const event = t.db.select().from(activityEvents).where(eq(activityEvents.type, 'approved')).get()!;
		const replay = t.db.transaction(() =>
			writeAwards(t.db, c.campaign.id, { id: event.id, initiativeId: id, snapshot: event.snapshot as unknown as ApprovalSnapshot, at: 0 })
		);
		expect(replay).toEqual([]);
		expect(entries()).toHaveLength(6 - 1); // no team: member + 4 units
	});

	it('caps a member at 100 points a year, awarding up to the cap', () => {
		for (let i = 0; i < 5; i++) approvedWork({ title: `run ${i}` }, '125'); // 22 each: 22, 44, 66, 88, then 12 of 22
		const member = entries().filter((e) => e.subjectType === 'member');
		expect(member.map((e) => e.points)).toEqual([22, 22, 22, 22, 12]);
		expect(board(`${c.campaign.id}|member|${f.units.P.id}|Y2026`)).toEqual({ [f.people.member.id]: 100 });
		// Units have no cap in this rule set.
		expect(board(`${c.campaign.id}|branch|${f.units.P.id}|Y2026`)).toEqual({ [f.units.B1a1.id]: 110 });
	});

	it('is append-only, even against raw SQL', () => {
		approvedWork();
		expect(() => t.db.$client.exec('update point_entries set points = 1000')).toThrow(/append-only/);
		expect(() => t.db.$client.exec('delete from point_entries')).toThrow(/append-only/);
	});

	it('replaying every event through the active rules reproduces the ledger exactly', () => {
		const runs = [
			['40', '2026-01-05'],
			['900', '2026-02-10'],
			['125', '2025-12-31'],
			['17', '2026-06-30']
		] as const;
		const ids = runs.map(([people, day], i) => approvedWork({ title: `r${i}`, startedOn: day, endedOn: day }, people).id);
		takeStep(contextFor(t.db, f.people.d1Admin.id), ids[1]!, 'revoke', { reason: 'sai', seenRevision: 2 });
		const original = entries().map(({ id: _id, createdAt: _c, ...rest }) => rest);
		// A fresh database with the same organisation, catalogue and rules, fed the same events in order.
		const events = t.db.select().from(activityEvents).all();
		const copy = tempDatabase();
		try {
			const f2 = orgFixture(copy.db);
			const c2 = campaignFixture(copy.db, f2.units.P.id);
			scoringFixture(copy.db, c2);
			copy.db.$client.exec('PRAGMA foreign_keys = OFF');
			for (const e of events) {
				copy.db.insert(activityEvents).values(e).run();
				copy.db.transaction(() => {
					if (e.type === 'approved')
						writeAwards(copy.db, c2.campaign.id, {
							id: e.id,
							initiativeId: e.initiativeId,
							snapshot: e.snapshot as unknown as ApprovalSnapshot,
							at: e.at
						});
				});
				if (e.type === 'revoked') copy.db.transaction(() => writeReversals(copy.db, e.initiativeId, e.id, e.at, e.reason));
			}
			const replayed = copy.db
				.select()
				.from(pointEntries)
				.all()
				.map(({ id: _id, createdAt: _c, ...rest }) => rest);
			expect(replayed).toEqual(original);
		} finally {
			copy.close();
		}
	});
});

describe('badges', () => {
	it('are awarded with the entries that earned them, once, and revoked with the reason when those entries are reversed', async () => {
		const { badgeDefinitions, badgeAwards } = await import('../../src/lib/server/db/schema');
		t.db
			.insert(badgeDefinitions)
			.values({
				code: 'buoc-dau',
				name: 'Bước chân đầu tiên',
				howToEarn: 'Có sáng kiến đầu tiên',
				icon: 'rocket',
				spec: { kind: 'first', subject: 'member' }
			})
			.run();
		t.db
			.insert(badgeDefinitions)
			.values({
				code: 'dan-duong',
				name: 'Dẫn đường số',
				howToEarn: 'Hỗ trợ 100 / 200 người',
				icon: 'phone',
				spec: { kind: 'measure', subject: 'member', measure: 'people', levels: [100, 200] }
			})
			.run();
		const { id, result } = approvedWork({}, '125');
		expect(result.ok && result.badges.map((b) => [b.badgeCode, b.level, b.change])).toEqual([
			['buoc-dau', 1, 'awarded'],
			['dan-duong', 1, 'awarded']
		]);
		const awards = () => t.db.select().from(badgeAwards).all();
		const memberEntry = entries().find((e) => e.subjectType === 'member')!;
		expect(awards().find((a) => a.badgeCode === 'buoc-dau')!.evidence).toEqual([memberEntry.id]);
		// The member who earned them is told of each, under the bell, linked to the badge.
		const { latestNotices } = await import('../../src/lib/server/notifications/notices');
		const badgeNews = latestNotices(t.db, memberEntry.subjectId).filter((n) => n.kind === 'badge');
		expect(badgeNews.map((n) => n.subject).sort()).toEqual(['Bước chân đầu tiên', 'Dẫn đường số']);
		approvedWork({ title: 'second' }, '90'); // 215 people: level 2 of the measure badge, no second "first"
		expect(awards().map((a) => [a.badgeCode, a.level, a.revokedAt === null])).toEqual([
			['buoc-dau', 1, true],
			['dan-duong', 1, true],
			['dan-duong', 2, true]
		]);
		// Level 2 was earned by both works: its evidence is the member's rows of each.
		const memberRows = entries()
			.filter((e) => e.subjectType === 'member' && e.subjectId === memberEntry.subjectId && e.points > 0)
			.map((e) => e.id);
		expect(memberRows).toHaveLength(2);
		expect(awards().find((a) => a.badgeCode === 'dan-duong' && a.level === 2)!.evidence).toEqual(memberRows);
		takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'revoke', { reason: 'Trùng lặp', seenRevision: 2 });
		const after = awards();
		expect(after.find((a) => a.badgeCode === 'dan-duong' && a.level === 2)).toMatchObject({
			revokeReason: 'Sáng kiến làm nên huy hiệu này đã bị thu hồi xác nhận.'
		});
		expect(after.find((a) => a.badgeCode === 'dan-duong' && a.level === 2)!.revokedAt).not.toBeNull();
		expect(after.find((a) => a.badgeCode === 'buoc-dau')!.revokedAt).toBeNull(); // the second initiative still stands

		// Each badge is a signed Open Badges credential naming its holder; its page says whether it still holds.
		const { badgeAwardDetails, badgeCredential } = await import('../../src/lib/server/scoring/badge-credentials');
		const { verifyDocument } = await import('../../src/lib/server/credentials/data-integrity');
		const { publishedKeys } = await import('../../src/lib/server/credentials/keys');
		const lost = badgeAwardDetails(t.db, after.find((a) => a.badgeCode === 'dan-duong' && a.level === 2)!.id)!;
		expect(lost).toMatchObject({ name: 'Dẫn đường số', level: 2, revoked: { reason: expect.stringContaining('thu hồi') } });
		const held = badgeAwardDetails(t.db, after.find((a) => a.badgeCode === 'buoc-dau')!.id)!;
		expect(held.revoked).toBeNull();
		const credential = badgeCredential({ db: t.db, now: NOW }, held, 'https://tienphong.example');
		expect(credential.credentialSubject).toMatchObject({
			identifier: [{ identityHash: held.holderName }],
			achievement: { achievementType: 'Badge', name: 'Bước chân đầu tiên', criteria: { narrative: 'Có sáng kiến đầu tiên' } }
		});
		expect(held.holderName).not.toBe('');
		const [key] = publishedKeys(t.db);
		expect(verifyDocument(credential, key!.publicKey)).toBe(true);
		expect(verifyDocument({ ...credential, name: `${credential.name}.` }, key!.publicKey)).toBe(false);
		expect(badgeAwardDetails(t.db, 999_999)).toBeNull();
	});
});

describe('badge definitions edited by the province office', () => {
	it('refuses hostile definitions and backfills a new one from the ledger', async () => {
		const { saveBadge } = await import('../../src/lib/server/scoring/badge-definitions');
		const { badgeAwards } = await import('../../src/lib/server/db/schema');
		approvedWork({}, '125');
		const province = contextFor(t.db, f.people.provinceAdmin.id);
		const base = {
			code: 'chien-si',
			name: 'Chiến sĩ số',
			howToEarn: 'Tham gia 1 sáng kiến',
			icon: 'star',
			spec: { kind: 'count', subject: 'member', levels: [1, 5] }
		};
		const before = rowCounts(t.db);
		for (const [hostile, message] of [
			[{ ...base, icon: '<svg onload=alert(1)>' }, 'Biểu tượng'],
			[{ ...base, spec: { ...base.spec, levels: [-5] } }, 'Mức phải từ 1'],
			[{ ...base, spec: { ...base.spec, levels: [5, 1] } }, 'tăng dần'],
			[{ ...base, spec: { kind: 'sql', query: 'drop table' } }, 'Loại huy hiệu không hợp lệ'],
			[{ ...base, name: '<img src=x>' }, 'không được chứa']
		] as const) {
			const result = saveBadge(province, c.campaign.id, hostile);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors.join(' ')).toContain(message);
		}
		expect(rowCounts(t.db)).toEqual(before);
		expect(() => saveBadge(contextFor(t.db, f.people.d1Admin.id), c.campaign.id, base)).toThrow();
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
		expect(saveBadge(province, c.campaign.id, base)).toEqual({ ok: true, changes: 1 });
		expect(
			t.db
				.select()
				.from(badgeAwards)
				.all()
				.map((a) => [a.badgeCode, a.subjectId])
		).toEqual([['chien-si', f.people.member.id]]);
	});
});
