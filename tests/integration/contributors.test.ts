import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approved, loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { ROOT } from '../helpers/server';
import { NOW } from '../helpers/clock';
import { createInitiative, takeStep, updateInitiative } from '../../src/lib/server/initiatives/service';
import { initiativeDetail } from '../../src/lib/server/initiatives/queries';
import { readInitiativeForm } from '../../src/lib/server/initiatives/form';
import { contributorOptions } from '../../src/lib/server/contributors/service';
import { boardsFromLedger } from '../../src/lib/server/scoring/projection';
import { subjectNames } from '../../src/lib/server/scoring/boards';
import { boardSubjectsOf, offersBoardSubject } from '../../src/lib/server/scoring/subjects';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { exportCampaign } from '../../src/lib/server/campaigns/export';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import { campaigns, contributors, initiativeContributors, pointEntries } from '../../src/lib/server/db/schema';
import type { ContributorPick } from '../../src/lib/server/contributors/service';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;

const KINDS = [
	{ code: 'union_unit', label: 'Tổ chức Đoàn', collective: true, recordedAs: 'unit' as const },
	{ code: 'member', label: 'Đoàn viên', collective: false },
	{ code: 'household', label: 'Hộ gia đình', collective: false },
	{ code: 'outside_collective', label: 'Tập thể ngoài địa bàn', collective: true }
];

beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	t.db.update(campaigns).set({ participantKinds: KINDS }).where(eq(campaigns.id, c.campaign.id)).run();
	// 10 + 40 people / 10 = 14 points per initiative; a contributor earns at most 25 a year under this rule.
	scoringFixture(t.db, c, {
		rules: [
			{
				code: 'VNEID',
				activityTypeId: c.vneid.id,
				basePoints: 10,
				perMeasure: [{ measure: 'people', points: 1, every: 10 }],
				credits: ['participants', 'contributors', 'unit'],
				caps: { member: 100, contributor: 25 }
			}
		]
	});
});
afterEach(() => t.close());

const secretary = () => contextFor(t.db, f.people.g1aAdmin.id);
const verifier = () => contextFor(t.db, f.people.d1Admin.id);
const session = (unitId: number, contributors: ContributorPick | null, day = '2026-03-02') =>
	vneidSession(c, unitId, { day, contributors });
const added = (...rows: Array<[string, string]>): ContributorPick => ({ ids: [], added: rows.map(([kind, name]) => ({ kind, name })) });
const allContributors = () => t.db.select().from(contributors).all();
const linksOf = (id: number) =>
	t.db
		.select({ id: initiativeContributors.contributorId })
		.from(initiativeContributors)
		.where(eq(initiativeContributors.initiativeId, id))
		.all()
		.map((r) => r.id)
		.sort((a, b) => a - b);

describe('recording contributors on an initiative', () => {
	it('adds new contributors at the initiative’s unit, finds them again by name, and shows them with their kind', () => {
		const id = loggedInitiative(
			secretary(),
			session(f.units.B1a1.id, added(['household', '  Hộ ông Lò Văn   Pọm '], ['outside_collective', 'HTX Chè La Bằng']))
		);
		expect(allContributors().map((r) => [r.name, r.kind, r.collective, r.unitId, r.campaignId, r.createdBy])).toEqual([
			['Hộ ông Lò Văn Pọm', 'household', false, f.units.B1a1.id, c.campaign.id, f.people.g1aAdmin.id],
			['HTX Chè La Bằng', 'outside_collective', true, f.units.B1a1.id, c.campaign.id, f.people.g1aAdmin.id]
		]);
		expect(initiativeDetail(t.db, id)!.contributors.map((r) => [r.name, r.kindLabel])).toEqual([
			['Hộ ông Lò Văn Pọm', 'Hộ gia đình'],
			['HTX Chè La Bằng', 'Tập thể ngoài địa bàn']
		]);

		// The same household typed again (without diacritics) in the same unit is the same household.
		const again = loggedInitiative(secretary(), session(f.units.B1a1.id, added(['household', 'ho ong lo van pom'])));
		expect(allContributors()).toHaveLength(2);
		expect(linksOf(again)).toEqual([allContributors()[0]!.id]);

		// The grassroots union above the branch can pick them; the form offers only the campaign's contributor kinds.
		const options = contributorOptions(t.db, c.campaign.id, f.units.G1a.path);
		expect(options.kinds.map((k) => k.code)).toEqual(['household', 'outside_collective']);
		expect(options.existing.map((e) => [e.name, e.kindLabel, e.unitName])).toEqual([
			['Hộ ông Lò Văn Pọm', 'Hộ gia đình', 'Chi đoàn B1a1'],
			['HTX Chè La Bằng', 'Tập thể ngoài địa bàn', 'Chi đoàn B1a1']
		]);
		const above = loggedInitiative(secretary(), session(f.units.G1a.id, { ids: options.existing.map((e) => e.id), added: [] }));
		expect(linksOf(above)).toHaveLength(2);
		// A sibling branch sees none of them.
		expect(contributorOptions(t.db, c.campaign.id, f.units.B1a2.path).existing).toEqual([]);
	});

	it('an edit keeps them unless the form changes them; a form without the section keeps them all', () => {
		const id = loggedInitiative(
			secretary(),
			session(f.units.B1a1.id, added(['household', 'Hộ bà Lường Thị Xuân'], ['household', 'Hộ ông Quàng Văn Ún']))
		);
		const [xuan, un] = allContributors();
		const edit = (contributors: ContributorPick | null) => updateInitiative(secretary(), id, session(f.units.B1a1.id, contributors));
		expect(edit(null)).toMatchObject({ ok: true });
		expect(linksOf(id)).toEqual([xuan!.id, un!.id]);
		expect(edit({ ids: [xuan!.id], added: [] })).toMatchObject({ ok: true });
		expect(linksOf(id)).toEqual([xuan!.id]);
		// Unticked, never deleted: the household stays in the unit's list for the next initiative.
		expect(allContributors()).toHaveLength(2);
	});

	describe('refuses hostile or wrong input with a Vietnamese message, writing nothing', () => {
		const cases: Array<[string, () => ContributorPick, string]> = [
			['a kind the campaign does not have', () => added(['official', 'Ông Cán Bộ']), 'Loại “official” không có'],
			['a member as a contributor', () => added(['member', 'Nguyễn Văn A']), 'Loại “member” không có'],
			['a unit kind as a contributor', () => added(['union_unit', 'Chi đoàn giả']), 'Loại “union_unit” không có'],
			['markup in a name', () => added(['household', '<img src=x onerror=alert(1)>']), 'không được chứa ký tự đặc biệt'],
			['a script link as a name', () => added(['household', 'javascript:alert(1)']), 'không được chứa ký tự đặc biệt'],
			['a one-letter name', () => added(['household', 'A']), 'quá ngắn'],
			['a name of 121 characters', () => added(['household', 'H'.repeat(121)]), 'quá dài'],
			['201 contributors', () => ({ ids: Array.from({ length: 201 }, (_, i) => i + 1), added: [] }), 'tối đa 200'],
			[
				'51 new contributors at once',
				() => added(...Array.from({ length: 51 }, (_, i): [string, string] => ['household', `Hộ số ${i}`])),
				'tối đa 200'
			],
			['an id that does not exist', () => ({ ids: [999_999], added: [] }), 'không thuộc đơn vị này']
		];
		it.each(cases)('%s', (_label, pick, message) => {
			const before = rowCounts(t.db);
			const result = createInitiative(secretary(), session(f.units.B1a1.id, pick()));
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors.contributors).toContain(message);
			expect(rowCounts(t.db)).toEqual(before);
		});

		it('a contributor of another unit’s subtree or of another campaign, on create and on edit', () => {
			loggedInitiative(verifier(), session(f.units.B1b1.id, added(['household', 'Hộ ở B1b1'])));
			const elsewhere = allContributors()[0]!;
			const other = campaignFixture(t.db, f.units.P.id, false, 'other');
			t.db.update(campaigns).set({ participantKinds: KINDS }).where(eq(campaigns.id, other.campaign.id)).run();
			loggedInitiative(secretary(), {
				...session(f.units.B1a1.id, added(['household', 'Hộ của phong trào khác'])),
				activityTypeId: other.vneid.id,
				measures: { [other.peopleMeasure.id]: '40' }
			});
			const otherCampaign = allContributors().find((r) => r.campaignId === other.campaign.id)!;
			const id = loggedInitiative(secretary(), session(f.units.B1a1.id, null));

			const before = rowCounts(t.db);
			for (const pick of [
				{ ids: [elsewhere.id], added: [] },
				{ ids: [otherCampaign.id], added: [] }
			]) {
				const created = createInitiative(secretary(), session(f.units.B1a1.id, pick));
				expect(created.ok || created.errors.contributors).toBe(
					'Có người tham gia đã chọn không thuộc đơn vị này hoặc phong trào của hoạt động đã chọn.'
				);
				const edited = updateInitiative(secretary(), id, session(f.units.B1a1.id, pick));
				expect(edited.ok || edited.errors.contributors).toContain('không thuộc đơn vị này');
			}
			expect(rowCounts(t.db)).toEqual(before);
		});
	});
});

describe('the form', () => {
	const form = (entries: Array<[string, string]>) => {
		const data = new FormData();
		const fields: Array<[string, string]> = [
			['unitId', String(f.units.B1a1.id)],
			['title', 'Hướng dẫn VNeID'],
			['activityTypeId', String(c.vneid.id)],
			['story', 'Buổi tối ở nhà văn hoá bản.'],
			['startedOn', '2026-03-02'],
			['place', 'Nhà văn hoá'],
			...entries
		];
		for (const [k, v] of fields) data.append(k, v);
		return readInitiativeForm(data);
	};

	it('reads picked ids and new rows, and no section at all as “keep what is recorded”', async () => {
		const read = await form([
			['contributorsShown', '1'],
			['contributorIds', '7'],
			['newContributorKind_0', 'household'],
			['newContributorName_0', 'Hộ ông A'],
			['newContributorKind_1', ''],
			['newContributorName_1', '']
		]);
		expect(read.ok && read.input.contributors).toEqual({ ids: [7], added: [{ kind: 'household', name: 'Hộ ông A' }] });
		expect(read.values).toMatchObject({ contributorIds: '7', newContributorName_0: 'Hộ ông A' });
		const without = await form([]);
		expect(without.ok && without.input.contributors).toBeNull();
	});

	it.each([
		['a name without a kind', [['newContributorName_0', 'Hộ ông A']], 'Hãy chọn loại cho “Hộ ông A”'],
		['a kind without a name', [['newContributorKind_0', 'household']], 'Hãy ghi tên'],
		['an id that is not a number', [['contributorIds', '1 or 1=1']], 'không hợp lệ'],
		['a row index far beyond the form', [['newContributorName_999', 'x']], 'không hợp lệ']
	] as Array<[string, Array<[string, string]>, string]>)('refuses %s', async (_label, entries, message) => {
		const read = await form([['contributorsShown', '1'], ...entries]);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.errors.contributors).toContain(message);
	});
});

describe('scoring contributors', () => {
	function approvedWith(pick: ContributorPick | null, day = '2026-03-02') {
		const id = submitted(secretary(), loggedInitiative(secretary(), session(f.units.B1a1.id, pick, day)));
		return { id, result: approved(verifier(), id) };
	}

	it('an approval credits each recorded contributor with the rule’s points on the ledger, up to its cap; a revoke gives them back', () => {
		const { id, result } = approvedWith(added(['household', 'Hộ ông Lò Văn Pọm'], ['outside_collective', 'HTX Chè La Bằng']));
		const [pom, htx] = allContributors();
		expect(result.ledger.filter((e) => e.subjectType === 'contributor').map((e) => [e.subjectId, e.points, e.scopePath])).toEqual([
			[pom!.id, 14, f.units.B1a1.path],
			[htx!.id, 14, f.units.B1a1.path]
		]);
		// They compete within the branch and every unit above it, one board for every kind.
		const board = boardsFromLedger(t.db).get(`${c.campaign.id}|contributor|${f.units.G1a.id}|Y2026`);
		expect(Object.fromEntries([...(board ?? new Map())].map(([k, v]) => [k, v.score]))).toEqual({ [pom!.id]: 14, [htx!.id]: 14 });
		expect([...subjectNames(t.db, 'contributor', [pom!.id, htx!.id]).values()]).toEqual([
			{ name: 'Hộ ông Lò Văn Pọm', detail: 'Hộ gia đình · Chi đoàn B1a1' },
			{ name: 'HTX Chè La Bằng', detail: 'Tập thể ngoài địa bàn · Chi đoàn B1a1' }
		]);

		// The cap (25 a year for this rule): 14, then 11, then nothing.
		const second = approvedWith({ ids: [pom!.id], added: [] }).result;
		const third = approvedWith({ ids: [pom!.id], added: [] }).result;
		expect(second.ledger.filter((e) => e.subjectType === 'contributor').map((e) => e.points)).toEqual([11]);
		expect(third.ledger.filter((e) => e.subjectType === 'contributor')).toEqual([]);

		const revoke = takeStep(verifier(), id, 'revoke', { reason: 'Trùng với báo cáo khác', seenRevision: 2 });
		expect(revoke.ok && revoke.ledger.filter((e) => e.subjectType === 'contributor').map((e) => [e.subjectId, e.points])).toEqual([
			[pom!.id, -14],
			[htx!.id, -14]
		]);
		const totals = t.db
			.select()
			.from(pointEntries)
			.where(eq(pointEntries.subjectType, 'contributor'))
			.all()
			.reduce((m, e) => m.set(e.subjectId, (m.get(e.subjectId) ?? 0) + e.points), new Map<number, number>());
		expect(Object.fromEntries(totals)).toEqual({ [pom!.id]: 11, [htx!.id]: 0 });
	});

	it('boards list the contributor board, and it can be watched, only for campaigns whose rules credit contributors', () => {
		expect(boardSubjectsOf(t.db, c.campaign.id).at(-1)).toEqual({
			code: 'contributor',
			label: 'Hộ gia đình, tập thể và cá nhân khác',
			unit: false,
			rank: null
		});
		expect(offersBoardSubject(t.db, c.campaign.id, 'contributor')).toBe(true);
		const other = campaignFixture(t.db, f.units.P.id, false, 'other');
		scoringFixture(t.db, other);
		expect(boardSubjectsOf(t.db, other.campaign.id).map((s) => s.code)).not.toContain('contributor');
		expect(offersBoardSubject(t.db, other.campaign.id, 'contributor')).toBe(false);
	});
});

/** A shipped file as parsed JSON, to be broken on purpose. */
interface CampaignJson {
	participantKinds: Array<Record<string, unknown>>;
	scoring: { rules: Array<Record<string, unknown>> };
}

describe('campaign files', () => {
	const text = (name: string) => readFileSync(join(ROOT, 'campaigns', name), 'utf8');
	const operator = { actor: null, now: NOW, ipHash: null, requestId: null };

	it('a rule crediting contributors with a cap round-trips, and 004 rewards households', () => {
		const file = JSON.parse(text('001-ubnd-xa-ta-ma.json'));
		file.scoring.rules[0].credits = ['participants', 'contributors', 'unit'];
		file.scoring.rules[0].caps = { member: 500, contributor: 40 };
		const read = readCampaignFile(file);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		const t2 = tempDatabase();
		try {
			expect(importCampaign(t2.db, read.file, operator)).toMatchObject({ ok: true });
			const back = readCampaignFile(JSON.stringify(exportCampaign(t2.db, read.file.slug)));
			expect(back.ok && back.file).toEqual(read.file);
			expect(back.ok && back.file.scoring.rules[0]).toMatchObject({
				credits: ['participants', 'contributors', 'unit'],
				caps: { contributor: 40 }
			});
		} finally {
			t2.close();
		}
		const bt = readCampaignFile(text('004-ubnd-xa-binh-thuan-2025.json'));
		expect(bt.ok && bt.file.scoring.rules.find((r) => r.code === 'HTTS_HO')).toMatchObject({
			credits: ['contributors'],
			caps: { contributor: 50 }
		});
	});

	it.each([
		[
			'contributors in a campaign without contributor kinds',
			(file: CampaignJson) => {
				file.participantKinds = file.participantKinds.map((k: CampaignJson['participantKinds'][number]) => ({
					...k,
					recordedAs: 'member'
				}));
				file.scoring.rules[0]!.credits = ['contributors'];
			},
			'scoring.rules[0].credits',
			'không có loại nào ghi nhận là hộ gia đình'
		],
		[
			'a cap for households by name',
			(file: CampaignJson) => {
				file.scoring.rules[0]!.caps = { household: 5 };
			},
			'scoring.rules[0].caps',
			'Trần điểm chỉ áp cho member, team, unit hoặc contributor.'
		],
		[
			'an unknown way of recording a kind',
			(file: CampaignJson) => {
				file.participantKinds[0]!.recordedAs = 'household';
			},
			'participantKinds[0].recordedAs',
			''
		]
	])('refuses %s', (_label, change, path, message) => {
		const file = JSON.parse(text('001-ubnd-xa-ta-ma.json'));
		change(file);
		const read = readCampaignFile(file);
		expect(read.ok).toBe(false);
		if (!read.ok) {
			const problem = read.errors.find((e) => e.path === path);
			expect(problem, JSON.stringify(read.errors)).toBeDefined();
			expect(problem!.message).toContain(message);
		}
	});
});
