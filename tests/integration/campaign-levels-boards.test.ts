import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { contextFor, insertPerson, insertUnit, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier } from '../helpers/factories';
import { ROOT } from '../helpers/server';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import { activityMeasures, activityTypes, badgeAwards, badgeDefinitions } from '../../src/lib/server/db/schema';
import { takeStep, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { rebuildBoards, syncBoards } from '../../src/lib/server/scoring/projection';
import { explainScore, leaderboardPage, type BoardQuery } from '../../src/lib/server/scoring/leaderboard-page';
import { boardSubjectsOf } from '../../src/lib/server/scoring/subjects';
import { isWatchableBoard } from '../../src/lib/server/realtime/live-boards';
import { showcaseBoards } from '../../src/lib/server/showcase/queries';
import { boardKey } from '../../src/lib/domain/scoring/boards';

const operator = { actor: null, now: NOW, ipHash: null, requestId: null };

let t: TempDb;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.close());

/**
 * Campaign 001 (Ta Ma: commune without boards, agencies and bản with boards) imported into an empty database
 * with its own tree: the commune at the root, one bản and one agency under it.
 */
function taMa() {
	const commune = insertUnit(t.db, null, 'UBND xã Ta Ma', 'commune');
	const village = insertUnit(t.db, commune, 'Bản Ta Ma', 'village');
	const agency = insertUnit(t.db, commune, 'Trạm Y tế xã', 'agency');
	const read = readCampaignFile(readFileSync(join(ROOT, 'campaigns/001-ubnd-xa-ta-ma.json'), 'utf8'));
	if (!read.ok) throw new Error(JSON.stringify(read.errors));
	const imported = importCampaign(t.db, read.file, operator, { ownerUnitId: commune.id });
	if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
	const type = t.db.select().from(activityTypes).where(eq(activityTypes.code, 'SANG_KIEN')).get()!;
	const measures = t.db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).all();
	const measure = (code: string) => measures.find((m) => m.code === code)!.id;
	const author = contextFor(t.db, insertPerson(t.db, 'Văn phòng xã', { unitId: commune.id, role: 'province_admin' }).id);
	const verifier = provinceVerifier(t.db, commune.id);
	/** Three ideas, one applied: 10 + 3 × 5 + 1 × 10 = 35 points for the unit and every unit above it. */
	const ideas = (unitId: number, day: string): InitiativeInput => ({
		unitId,
		teamId: null,
		activityTypeId: type.id,
		title: 'Sáng kiến số hoá sổ sách của bản',
		story: 'Tổ công nghệ số đề xuất các cách làm mới.',
		startedOn: day,
		endedOn: day,
		place: 'Nhà văn hoá',
		photosShowChildren: false,
		measures: { [measure('ideas')]: '3', [measure('applied')]: '1' },
		participantIds: []
	});
	const approve = (unitId: number, day = dayOf(daysBefore(3))) => approvedInitiative(author, verifier, ideas(unitId, day));
	return { commune, village, agency, campaignId: imported.campaignId, approve, verifier };
}

const query = (subject: string | null): BoardQuery => ({
	campaign: null,
	subject,
	scopeId: null,
	period: 'Y2026',
	area: null,
	perCapita: false
});

describe('a campaign whose boards are its own levels (001 Ta Ma)', () => {
	it('offers its bản and agency boards with its words, lists the bản, explains its score, lets it be watched and shown', async () => {
		const w = taMa();
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		w.approve(w.village.id);
		await syncBoards(t.db, store);
		const ctx = { db: t.db, boards: store, now: NOW, actor: null };

		const byDefault = (await leaderboardPage(ctx, query(null)))!;
		expect(byDefault.subjects.map((s) => s.label)).toEqual(['Cơ quan, đơn vị', 'Bản', 'Đội hình', 'Người dân']);
		expect(byDefault.subjects.map((s) => s.label)).not.toContain('Xã');
		// The first unit level with boards is the default; an unknown kind or a level without boards falls back to it.
		expect(byDefault.subject).toBe('agency');
		expect((await leaderboardPage(ctx, query('commune')))!.subject).toBe('agency');
		expect((await leaderboardPage(ctx, query('district')))!.subject).toBe('agency');

		const villages = (await leaderboardPage(ctx, { ...query('village'), perCapita: true }))!;
		expect(villages.subject).toBe('village');
		expect(villages.perCapitaOffered).toBe(true);
		const key = boardKey({ campaignId: w.campaignId, subjectType: 'village', scopeUnitId: w.commune.id, periodCode: 'Y2026', area: null });
		const plain = (await leaderboardPage(ctx, query('village')))!;
		expect(plain.view?.key).toBe(key);
		expect(plain.view?.rows.map((r) => ({ name: r.name, score: r.score, rank: r.rank }))).toEqual([
			{ name: 'Bản Ta Ma', score: 35, rank: 1 }
		]);
		const members = (await leaderboardPage(ctx, { ...query('member'), perCapita: true }))!;
		expect([members.perCapita, members.perCapitaOffered]).toEqual([false, false]);

		const explained = (await explainScore(ctx, key, w.village.id))!;
		expect(explained.board).toBe('Bản · UBND xã Ta Ma · Năm 2026');
		expect(explained.total).toBe(35);
		expect(explained.boardScore).toBe(35);
		expect(explained.backHref).toContain('doi-tuong=village');
		// Kinds the campaign's boards do not offer are refused (the route's 404), never looked up.
		for (const kind of ['commune', 'district', 'evil', '__proto__'])
			expect(await explainScore(ctx, key.replace('|village|', `|${kind}|`), w.commune.id), kind).toBeNull();

		expect(isWatchableBoard(t.db, key)).toBe(true);
		expect(isWatchableBoard(t.db, key.replace('|village|', '|agency|'))).toBe(true);
		expect(isWatchableBoard(t.db, key.replace('|village|', '|member|'))).toBe(true);
		for (const kind of ['commune', 'district', 'evil'])
			expect(isWatchableBoard(t.db, key.replace('|village|', `|${kind}|`)), kind).toBe(false);
		expect(isWatchableBoard(t.db, key.replace('|Y2026', '|Y1999'))).toBe(false);

		const shown = (await showcaseBoards(t.db, store, { id: w.campaignId }, '2026'))!;
		expect(shown.boards.map((b) => [b.subject, b.label])).toEqual([
			['agency', 'Cơ quan, đơn vị'],
			['village', 'Bản'],
			['team', 'Đội hình'],
			['member', 'Người dân']
		]);
		expect(shown.boards[0]!.snapshot.key).toBe(key.replace('|village|', '|agency|'));
		expect(shown.boards[1]!.snapshot.rows.map((r) => r.name)).toContain('Bản Ta Ma');
	});

	it('awards the file’s bản badge to the bản, and a coverage badge once every unit under the commune has work', async () => {
		const w = taMa();
		t.db
			.insert(badgeDefinitions)
			.values({
				code: 'ta-ma-phu-kin',
				name: 'Phủ kín xã',
				howToEarn: 'Mọi bản và cơ quan trong xã đều có việc được xác nhận trong năm.',
				icon: 'map',
				spec: { kind: 'coverage', subject: 'commune' },
				campaignId: w.campaignId
			})
			.run();
		const held = (code: string, subjectType: string, subjectId: number) =>
			t.db
				.select({ periodCode: badgeAwards.periodCode })
				.from(badgeAwards)
				.where(
					and(
						eq(badgeAwards.badgeCode, code),
						eq(badgeAwards.subjectType, subjectType),
						eq(badgeAwards.subjectId, subjectId),
						isNull(badgeAwards.revokedAt)
					)
				)
				.all()
				.map((a) => a.periodCode);

		w.approve(w.village.id);
		expect(held('ta-ma-ban-tien-phong', 'village', w.village.id)).toEqual(['ALL']);
		// The agency has no work yet: the commune is not covered.
		expect(held('ta-ma-phu-kin', 'commune', w.commune.id)).toEqual([]);
		const agencyWork = w.approve(w.agency.id);
		expect(held('ta-ma-phu-kin', 'commune', w.commune.id)).toEqual(['Y2026']);
		// Work of another year, when the agency had none: that year is not covered, and 2026 stays covered.
		w.approve(w.village.id, '2025-11-20');
		expect(held('ta-ma-phu-kin', 'commune', w.commune.id)).toEqual(['Y2026']);
		// The agency's only work withdrawn from the count: the commune is no longer covered.
		expect(takeStep(w.verifier, agencyWork.id, 'revoke', { reason: 'Trùng với báo cáo khác', seenRevision: 2 })).toMatchObject({
			ok: true
		});
		expect(held('ta-ma-phu-kin', 'commune', w.commune.id)).toEqual([]);
		expect(held('ta-ma-ban-tien-phong', 'village', w.village.id)).toEqual(['ALL']);
	});
});

describe('a campaign made before campaign files (no levels)', () => {
	it('offers the levels its units use below the root, with the built-in words', () => {
		const province = insertUnit(t.db, null, 'Tỉnh đoàn', 'province');
		const district = insertUnit(t.db, province, 'Huyện đoàn', 'district');
		insertUnit(t.db, insertUnit(t.db, district, 'Đoàn xã', 'grassroots'), 'Chi đoàn');
		insertUnit(t.db, province, 'Bản lẻ', 'village');
		expect(boardSubjectsOf(t.db, 1).map((s) => [s.code, s.label])).toEqual([
			['district', 'Đơn vị cấp huyện'],
			['grassroots', 'Đoàn cơ sở'],
			['branch', 'Chi đoàn'],
			['village', 'Bản'],
			['team', 'Đội hình'],
			['member', 'Đoàn viên']
		]);
	});
});
