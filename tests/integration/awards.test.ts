import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { campaigns, periods } from '../../src/lib/server/db/schema';
import { changePeriod } from '../../src/lib/server/scoring/periods';
import { openReport, submitReport } from '../../src/lib/server/reports/service';
import { awardSuggestions } from '../../src/lib/server/awards/suggestions';
import {
	adHocChoices,
	decideNomination,
	nominate,
	nominateAdHoc,
	nominationsOf,
	proposalPeriods,
	publishedAwards,
	recordDecision
} from '../../src/lib/server/awards/nominations';
import { recordCouncilReview, setAwardCouncil } from '../../src/lib/server/awards/council';
import { councilVotes, nominations } from '../../src/lib/server/db/schema';
import { awardCredential, awardDetails, revokeAward } from '../../src/lib/server/awards/certificates';
import { verifyDocument } from '../../src/lib/server/credentials/data-integrity';
import { publishedKeys } from '../../src/lib/server/credentials/keys';
import { ed25519FromMultikey, ed25519Multikey, fromBase58btc } from '../../src/lib/domain/credentials/encoding';
import canonicalize from 'canonicalize';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { timelineOf } from '../../src/lib/server/awards/steps';
import { attachDossier, attestCriteria, dossierFor, mayAttachDossier } from '../../src/lib/server/awards/dossiers';
import { takeStep } from '../../src/lib/server/initiatives/service';
import { getInitiative } from '../../src/lib/server/initiatives/queries';
import { NOW } from '../helpers/clock';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	t.db
		.update(campaigns)
		.set({
			awardForms: [
				{
					code: 'BK',
					name: 'Bằng khen của Chủ tịch UBND tỉnh',
					subjects: ['collective', 'individual'],
					quotas: [{ period: 'year', total: 5 }]
				}
			]
		})
		.where(eq(campaigns.id, c.campaign.id))
		.run();
});
afterEach(() => t.close());

const province = () => contextFor(t.db, f.people.provinceAdmin.id);
const y2025 = () =>
	t.db
		.select()
		.from(periods)
		.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2025')))
		.get()!;

describe('award suggestions', () => {
	it('list the leaders of each frozen board with their rank, points, works and whether their report came on time', () => {
		const verifier = provinceVerifier(t.db, f.units.P.id);
		// The fixture's member (branch B1a1) takes part in district D1's works.
		const work = (unitId: number, people: string, day: string, participantIds: number[] = []) =>
			approvedInitiative(province(), verifier, vneidSession(c, unitId, { day, people, title: `x${day}`, participantIds }));
		work(f.units.B1a1.id, '120', '2025-05-01', [f.people.member.id]);
		work(f.units.B1a1.id, '30', '2025-05-02', [f.people.member.id]);
		work(f.units.B2a1.id, '50', '2025-06-01');
		const period = y2025();
		const scope = { campaignId: c.campaign.id, unitId: f.units.P.id, periodId: period.id };
		// Before the period closes its standings are not final: nothing is suggested yet.
		expect(awardSuggestions(province(), scope)).toMatchObject({ closed: false, boards: [] });

		const d1 = contextFor(t.db, f.people.d1Admin.id);
		const opened = openReport(d1, { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId: period.id });
		submitReport(d1, opened.ok ? opened.id : 0, { narrative: { results: 'Kết quả năm 2025' }, cutoffDay: '' });
		expect(changePeriod(province(), period.id, 'close')).toEqual({ ok: true });

		const suggested = awardSuggestions(province(), scope)!;
		expect(suggested.forms).toEqual([
			{ code: 'BK', name: 'Bằng khen của Chủ tịch UBND tỉnh', subjects: ['collective', 'individual'], quota: { period: 'year', total: 5 } }
		]);
		const board = (code: string) => suggested.boards.find((b) => b.code === code)!;
		expect(board('district').rows.map((r) => [r.name, r.rank, r.works, r.onTimeReport])).toEqual([
			['Huyện đoàn D1', 1, 2, false],
			['Huyện đoàn D2', 2, 1, null]
		]);
		expect(board('member').rows.map((r) => [r.subjectId, r.rank, r.works])).toEqual([[f.people.member.id, 1, 2]]);
		expect(board('member').collective).toBe(false);

		// A district sees its own scope; a member sees nothing.
		expect(
			awardSuggestions(d1, { ...scope, unitId: f.units.D1.id })!
				.boards.find((b) => b.code === 'branch')!
				.rows.map((r) => r.name)
		).toEqual(['Chi đoàn B1a1']);
		expect(awardSuggestions(d1, scope)).toBeNull();
		expect(awardSuggestions(contextFor(t.db, f.people.member.id), scope)).toBeNull();
	});
});

describe('nominations', () => {
	function closedYear() {
		const verifier = provinceVerifier(t.db, f.units.P.id);
		for (const [unitId, people, day] of [
			[f.units.B1a1.id, '120', '2025-05-01'],
			[f.units.B1a2.id, '60', '2025-05-02'],
			[f.units.B1b1.id, '30', '2025-05-03'],
			[f.units.B2a1.id, '50', '2025-06-01']
		] as const)
			approvedInitiative(
				province(),
				verifier,
				vneidSession(c, unitId, { day, people, title: `x${day}`, participantIds: unitId === f.units.B1a1.id ? [f.people.member.id] : [] })
			);
		const period = y2025();
		expect(changePeriod(province(), period.id, 'close')).toEqual({ ok: true });
		return period;
	}
	const base = (periodId: number) => ({
		campaignId: c.campaign.id,
		periodId,
		unitId: f.units.D1.id,
		formCode: 'BK',
		subjectType: 'branch',
		subjectId: f.units.B1a1.id,
		citation: 'Chi đoàn dẫn đầu hỗ trợ người dân cài đặt VNeID năm 2025.'
	});
	const d1 = () => contextFor(t.db, f.people.d1Admin.id);

	it('a district proposes subjects on its frozen boards; the office selects within the quota, refusing the sixth with the count', () => {
		t.db
			.update(campaigns)
			.set({
				awardForms: [{ code: 'BK', name: 'Bằng khen', subjects: ['collective', 'individual'], quotas: [{ period: 'year', collective: 2 }] }]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const period = closedYear();
		const ids = [f.units.B1a1.id, f.units.B1a2.id, f.units.B1b1.id].map((subjectId) => {
			const made = nominate(d1(), { ...base(period.id), subjectId });
			if (!made.ok) throw new Error(made.error);
			return made.id;
		});
		expect(nominate(d1(), { ...base(period.id), subjectType: 'member', subjectId: f.people.member.id }).ok).toBe(true);
		expect(decideNomination(d1(), ids[0]!, 'select')).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(decideNomination(province(), ids[0]!, 'select')).toEqual({ ok: true, id: ids[0] });
		expect(decideNomination(province(), ids[1]!, 'select')).toEqual({ ok: true, id: ids[1] });
		const over = decideNomination(province(), ids[2]!, 'select');
		expect(over).toMatchObject({ ok: false, problem: 'conflict' });
		expect(!over.ok && over.error).toBe('Vượt chỉ tiêu: tối đa 2 tập thể, chọn thêm sẽ thành 3. Chưa có gì thay đổi.');
		expect(decideNomination(province(), ids[2]!, 'decline')).toMatchObject({
			ok: false,
			error: 'Hãy ghi lý do không chọn để đơn vị biết.'
		});
		expect(decideNomination(province(), ids[2]!, 'decline', 'Đã đủ chỉ tiêu')).toEqual({ ok: true, id: ids[2] });
		// A work behind B1a1's points is revoked after the close: its proposal is flagged (the frozen board still counts it).
		const work = t.db.$client
			.prepare('select id from initiatives where unit_id = ? order by id limit 1')
			.pluck()
			.get(f.units.B1a1.id) as number;
		const verifier = provinceVerifier(t.db, f.units.P.id);
		const revoked = takeStep({ ...verifier, now: NOW + 60_000 }, work, 'revoke', {
			reason: 'Ảnh trùng với sáng kiến khác',
			seenRevision: getInitiative(t.db, work)!.revision
		});
		expect(revoked.ok).toBe(true);
		const view = nominationsOf(d1(), { campaignId: c.campaign.id, periodId: period.id })!;
		expect(view.forms[0]!.rows.map((r) => r.revokedWorks)).toEqual([1, 0, 0, 1]);

		// The signed decision waits for the council: it votes on the selected ones and keeps its minutes.
		const decision = {
			campaignId: c.campaign.id,
			periodId: period.id,
			formCode: 'BK',
			number: '125/QĐ-UBND',
			signedOn: '2026-11-25',
			signer: 'Chủ tịch UBND tỉnh'
		};
		expect(recordDecision(province(), decision)).toMatchObject({
			ok: false,
			error: 'Chưa có đề nghị nào của hình thức này được hội đồng thông qua.'
		});
		const votes = (a: ('agree' | 'disagree' | undefined)[], b: ('agree' | 'disagree' | undefined)[]) =>
			new Map([
				[ids[0]!, a],
				[ids[1]!, b]
			]);
		const meeting = {
			campaignId: c.campaign.id,
			periodId: period.id,
			formCode: 'BK',
			heldOn: '2026-11-25',
			minutes: 'Hội đồng họp đủ 3/3 thành viên, biểu quyết từng đề nghị.',
			votes: votes(['agree', 'agree', 'agree'], ['agree', 'disagree', 'disagree'])
		};
		expect(recordCouncilReview(province(), meeting)).toMatchObject({ ok: false, error: expect.stringContaining('Chưa có Hội đồng') });
		expect(setAwardCouncil(d1(), c.campaign.id, 'A\nB\nC')).toMatchObject({ ok: false, forbidden: true });
		expect(setAwardCouncil(province(), c.campaign.id, 'Lò Văn An | Bí thư\nQuàng Thị Bình')).toEqual({
			ok: false,
			error: 'Hội đồng cần ít nhất 3 thành viên. Chưa có gì được lưu.'
		});
		expect(setAwardCouncil(province(), c.campaign.id, 'Lò Văn An | Bí thư\nQuàng Thị Bình | Phó Bí thư\nVì Văn Cường')).toEqual({
			ok: true
		});
		expect(recordCouncilReview(d1(), meeting)).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(
			recordCouncilReview(province(), { ...meeting, votes: votes(['agree', 'agree', 'agree'], ['agree', undefined, 'disagree']) })
		).toEqual({
			ok: false,
			problem: 'invalid',
			error: 'Chưa ghi phiếu của Quàng Thị Bình cho mọi đề nghị. Chưa có gì được lưu.'
		});
		expect(recordCouncilReview(province(), { ...meeting, heldOn: '2025-12-30' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(recordCouncilReview(province(), { ...meeting, heldOn: '2026-12-31' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(recordCouncilReview(province(), { ...meeting, minutes: ' \n ' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(t.db.select().from(councilVotes).all()).toEqual([]);
		expect(recordCouncilReview(province(), meeting).ok).toBe(true);
		// B1a2 had one vote of three: declined with the count, which its district reads.
		const afterCouncil = nominationsOf(d1(), { campaignId: c.campaign.id, periodId: period.id })!;
		expect(afterCouncil.forms[0]!.rows.slice(0, 2).map((r) => [r.status, r.reason, r.votes.map((v) => v.vote)])).toEqual([
			['endorsed', null, ['agree', 'agree', 'agree']],
			['declined', 'Hội đồng thi đua – khen thưởng không thông qua (1/3 thành viên đồng ý).', ['agree', 'disagree', 'disagree']]
		]);
		expect(afterCouncil.forms[0]!.reviews).toMatchObject([{ heldOn: '2026-11-25', minutes: meeting.minutes, seats: 3 }]);
		expect(recordCouncilReview(province(), meeting)).toMatchObject({ ok: false, problem: 'conflict' });

		// The signed decision awards the endorsed one; the public list shows it with its citation.
		expect(recordDecision(d1(), decision)).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(recordDecision(province(), { ...decision, number: ' ' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(recordDecision(province(), { ...decision, signedOn: '2026-12-31' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(recordDecision(province(), { ...decision, signedOn: '2026-11-24' })).toEqual({
			ok: false,
			problem: 'invalid',
			error: 'Ngày ký không được trước ngày họp hội đồng (25/11/2026).'
		});
		expect(recordDecision(province(), decision).ok).toBe(true);
		expect(recordDecision(province(), decision)).toMatchObject({ ok: false, problem: 'conflict' });
		expect(publishedAwards({ db: t.db }, { campaignId: c.campaign.id }).map((a) => [a.subjectName, a.decision.number, a.citation])).toEqual(
			[['Chi đoàn B1a1', '125/QĐ-UBND', base(period.id).citation]]
		);
		// Each unit's page lists its own awards, whatever the campaign.
		expect(publishedAwards({ db: t.db }, { unitId: f.units.B1a1.id }).map((a) => [a.formName, a.periodName])).toEqual([
			['Bằng khen', 'Năm 2025']
		]);
		expect(publishedAwards({ db: t.db }, { unitId: f.units.B1a2.id })).toEqual([]);
		// The awarded one still counts against the quota; the one the council turned down frees its place.
		expect(nominationsOf(province(), { campaignId: c.campaign.id, periodId: period.id })!.forms[0]!.selected).toEqual({
			collective: 1,
			individual: 0,
			household: 0
		});
		expect(view.office).toBe(false);
		expect(
			t.db
				.select({ status: nominations.status })
				.from(nominations)
				.all()
				.map((r) => r.status)
		).toEqual(['awarded', 'declined', 'declined', 'proposed']);
	});

	it('goes up level by level: a commune proposes, its district forwards within the quota, the province selects; each step on the timeline', () => {
		t.db
			.update(campaigns)
			.set({
				awardForms: [{ code: 'BK', name: 'Bằng khen', subjects: ['collective', 'individual'], quotas: [{ period: 'year', collective: 1 }] }]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const period = closedYear();
		const g1a = () => contextFor(t.db, f.people.g1aAdmin.id);
		const fromCommune = (subjectId: number) => {
			const made = nominate(g1a(), { ...base(period.id), unitId: f.units.G1a.id, subjectId });
			if (!made.ok) throw new Error(made.error);
			return made.id;
		};
		const [first, second] = [fromCommune(f.units.B1a1.id), fromCommune(f.units.B1a2.id)];
		// It waits at the district: the province cannot select it yet, the commune cannot push it up itself.
		const atDistrict = nominationsOf(d1(), { campaignId: c.campaign.id, periodId: period.id })!.forms[0]!.rows;
		expect(atDistrict.map((r) => [r.subjectName, r.waitingAt, r.action])).toEqual([
			['Chi đoàn B1a1', 'Huyện đoàn D1', 'forward'],
			['Chi đoàn B1a2', 'Huyện đoàn D1', 'forward']
		]);
		expect(decideNomination(province(), first, 'select')).toEqual({
			ok: false,
			problem: 'conflict',
			error: 'Đề nghị này đang chờ Huyện đoàn D1 xét.'
		});
		expect(decideNomination(g1a(), first, 'forward')).toMatchObject({ ok: false, problem: 'forbidden' });
		// The evidence is the subject's approved works of the year, linked.
		expect(atDistrict[0]!.evidence.map((w) => [w.title, w.standing])).toEqual([['x2025-05-01', true]]);

		expect(decideNomination(d1(), first, 'forward')).toEqual({ ok: true, id: first });
		const over = decideNomination(d1(), second, 'forward');
		expect(!over.ok && over.error).toBe(
			'Vượt chỉ tiêu: Huyện đoàn D1 chỉ chuyển lên tối đa 1 tập thể cho hình thức này, chuyển thêm sẽ thành 2. Chưa có gì thay đổi.'
		);
		expect(decideNomination(d1(), second, 'decline', 'Huyện chỉ được đề nghị một tập thể')).toEqual({ ok: true, id: second });
		expect(decideNomination(d1(), first, 'forward')).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(decideNomination(province(), first, 'select')).toEqual({ ok: true, id: first });
		expect(timelineOf(t.db, first).map((s) => [s.step, s.unitName])).toEqual([
			['proposed', 'Đoàn xã G1a'],
			['forwarded', 'Huyện đoàn D1'],
			['selected', 'Tỉnh đoàn P']
		]);
		expect(timelineOf(t.db, second).map((s) => [s.step, s.unitName, s.note])).toEqual([
			['proposed', 'Đoàn xã G1a', null],
			['declined', 'Huyện đoàn D1', 'Huyện chỉ được đề nghị một tập thể']
		]);
	});

	it('khen đột xuất: from an approved work, for someone it credits, up the same path, outside the quota and the period’s close', () => {
		t.db
			.update(campaigns)
			.set({
				awardForms: [{ code: 'BK', name: 'Bằng khen', subjects: ['individual'], quotas: [{ period: 'year', individual: 0 }] }]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const verifier = provinceVerifier(t.db, f.units.P.id);
		const { id: work } = approvedInitiative(
			province(),
			verifier,
			vneidSession(c, f.units.B1a1.id, { day: '2026-05-01', people: '80', title: 'Cứu hộ dữ liệu', participantIds: [f.people.member.id] })
		);
		const g1a = () => contextFor(t.db, f.people.g1aAdmin.id);
		const adHoc = {
			initiativeId: work,
			formCode: 'BK',
			subjectType: 'member',
			subjectId: f.people.member.id,
			citation: 'Khôi phục dữ liệu cho 80 hộ.'
		};
		expect(adHocChoices(g1a(), work)).toMatchObject({
			forms: [{ code: 'BK' }],
			subjects: expect.arrayContaining([{ value: `member|${f.people.member.id}`, name: expect.any(String), kind: 'individual' }])
		});
		expect(adHocChoices(contextFor(t.db, f.people.member.id), work)).toBeNull();
		expect(nominateAdHoc(contextFor(t.db, f.people.member.id), adHoc)).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(nominateAdHoc(g1a(), { ...adHoc, subjectId: f.people.d1Admin.id })).toEqual({
			ok: false,
			problem: 'invalid',
			error: 'Sáng kiến này không ghi công cho đối tượng này.'
		});
		expect(nominateAdHoc(g1a(), { ...adHoc, subjectType: 'branch', subjectId: f.units.B1a1.id })).toMatchObject({
			ok: false,
			error: 'Hình thức khen thưởng này không dành cho đối tượng này.'
		});
		expect(nominateAdHoc(g1a(), { ...adHoc, citation: ' ' })).toMatchObject({ ok: false, problem: 'invalid' });
		const made = nominateAdHoc(g1a(), adHoc);
		if (!made.ok) throw new Error(made.error);
		expect(nominateAdHoc(g1a(), adHoc)).toMatchObject({ ok: false, problem: 'conflict' });
		// The year is still open: its proposals are listed all the same, the ad hoc one marked and carrying its work.
		const y2026 = t.db
			.select()
			.from(periods)
			.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2026')))
			.get()!;
		expect(proposalPeriods(t.db, c.campaign.id).map((p) => p.id)).toContain(y2026.id);
		const row = nominationsOf(d1(), { campaignId: c.campaign.id, periodId: y2026.id })!.forms[0]!.rows[0]!;
		expect(row).toMatchObject({
			adHoc: true,
			waitingAt: 'Huyện đoàn D1',
			action: 'forward',
			evidence: [{ id: work, title: 'Cứu hộ dữ liệu' }]
		});
		// A quota of 0 individuals does not stop it: ad hoc awards take no place in it.
		expect(decideNomination(d1(), made.id, 'forward')).toEqual({ ok: true, id: made.id });
		expect(decideNomination(province(), made.id, 'select')).toEqual({ ok: true, id: made.id });
		expect(timelineOf(t.db, made.id)[0]).toMatchObject({ step: 'proposed', unitName: 'Đoàn xã G1a', note: 'Khen đột xuất' });
		// Voted and decided like any proposal, it joins the member's own history (not her branch's).
		setAwardCouncil(province(), c.campaign.id, 'A\nB\nC');
		const frame = { campaignId: c.campaign.id, periodId: y2026.id, formCode: 'BK' };
		const allAgree = new Map([[made.id, ['agree', 'agree', 'agree'] as const]]);
		expect(recordCouncilReview(province(), { ...frame, heldOn: '2026-11-25', minutes: 'Họp đột xuất.', votes: allAgree }).ok).toBe(true);
		expect(recordDecision(province(), { ...frame, number: '7/QĐ-UBND', signedOn: '2026-11-25', signer: 'Chủ tịch' }).ok).toBe(true);
		expect(publishedAwards({ db: t.db }, { personId: f.people.member.id }).map((a) => [a.citation, a.unitId])).toEqual([
			['Khôi phục dữ liệu cho 80 hộ.', null]
		]);
		expect(publishedAwards({ db: t.db }, { unitId: f.units.B1a1.id })).toEqual([]);
	});

	it('a proposal’s dossier is one PDF, by its bytes, from the proposing unit while it waits; those who weigh it download it', () => {
		t.db
			.update(campaigns)
			.set({
				awardForms: [
					{
						code: 'BK',
						name: 'Bằng khen',
						subjects: ['collective'],
						criteria: ['Hoàn thành xuất sắc nhiệm vụ', 'Có mô hình được nhân rộng']
					}
				]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const period = closedYear();
		const g1a = () => contextFor(t.db, f.people.g1aAdmin.id);
		const made = nominate(g1a(), { ...base(period.id), unitId: f.units.G1a.id });
		if (!made.ok) throw new Error(made.error);
		const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
		const before = rowCounts(t.db);
		expect(attachDossier(g1a(), made.id, { name: 'hoso.pdf', bytes: new Uint8Array(Buffer.from('\xff\xd8\xff\xe0JFIF')) })).toMatchObject({
			ok: false,
			error: 'Tệp này không phải PDF. Hãy lưu hồ sơ thành PDF rồi gửi lại. Chưa có gì được lưu.'
		});
		expect(attachDossier(g1a(), made.id, { name: 'big.pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1) })).toMatchObject({
			ok: false,
			problem: 'invalid'
		});
		expect(mayAttachDossier(contextFor(t.db, f.people.member.id), made.id)).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(rowCounts(t.db)).toEqual(before);
		expect(attachDossier(g1a(), made.id, { name: 'C:\\Hồ sơ G1a.PDF', bytes: pdf })).toEqual({ ok: true, id: made.id });
		expect(attachDossier(d1(), made.id, { name: 'Hồ sơ bổ sung.pdf', bytes: pdf })).toEqual({ ok: true, id: made.id });
		// The proposing unit, the district weighing it and the office read it; a member does not.
		for (const who of [g1a(), d1(), province()]) expect(dossierFor(who, made.id)?.fileName).toBe('Hồ sơ bổ sung.pdf');
		expect(dossierFor(contextFor(t.db, f.people.member.id), made.id)).toBeNull();
		expect(nominationsOf(d1(), { campaignId: c.campaign.id, periodId: period.id })!.forms[0]!.rows[0]!.dossier).toEqual({
			fileName: 'Hồ sơ bổ sung.pdf',
			size: pdf.byteLength
		});
		// The unit attests the form's criteria it meets; a criterion the form does not have is refused.
		expect(attestCriteria(g1a(), made.id, ['Có mô hình được nhân rộng', 'Tự đặt ra'])).toMatchObject({ ok: false, problem: 'invalid' });
		expect(attestCriteria(contextFor(t.db, f.people.member.id), made.id, [])).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(attestCriteria(g1a(), made.id, ['Có mô hình được nhân rộng'])).toEqual({ ok: true, id: made.id });
		expect(nominationsOf(province(), { campaignId: c.campaign.id, periodId: period.id })!.forms[0]!.rows[0]!.criteria).toEqual([
			{ text: 'Hoàn thành xuất sắc nhiệm vụ', attested: false },
			{ text: 'Có mô hình được nhân rộng', attested: true }
		]);
		decideNomination(d1(), made.id, 'forward');
		decideNomination(province(), made.id, 'select');
		expect(mayAttachDossier(g1a(), made.id)).toMatchObject({ ok: false, problem: 'conflict' });
		expect(attestCriteria(g1a(), made.id, [])).toMatchObject({ ok: false, problem: 'conflict' });
	});

	it('an award is an Open Badges 3.0 credential whose signature checks with the published key, and fails after one byte changes', () => {
		const period = closedYear();
		const proposed = nominate(d1(), base(period.id));
		if (!proposed.ok) throw new Error(proposed.error);
		decideNomination(province(), proposed.id, 'select');
		setAwardCouncil(province(), c.campaign.id, 'A | Chủ tịch\nB\nC');
		const meeting = { campaignId: c.campaign.id, periodId: period.id, formCode: 'BK', heldOn: '2026-11-25', minutes: 'Biểu quyết.' };
		expect(
			recordCouncilReview(province(), { ...meeting, votes: new Map([[proposed.id, ['agree', 'agree', 'disagree'] as const]]) }).ok
		).toBe(true);
		const decision = { ...meeting, number: '12/QĐ-UBND', signedOn: '2026-11-25', signer: 'Chủ tịch UBND tỉnh' };
		expect(recordDecision(province(), decision).ok).toBe(true);

		const award = awardDetails(t.db, proposed.id)!;
		const origin = 'https://tienphong.example';
		const credential = awardCredential(province(), award, origin);
		expect(credential).toMatchObject({
			'@context': ['https://www.w3.org/ns/credentials/v2', expect.stringContaining('purl.imsglobal.org/spec/ob/v3p0/context-3.0')],
			id: `${origin}/khen-thuong/${award.id}`,
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			issuer: { id: `${origin}/xac-minh/khoa.json`, name: 'Tỉnh đoàn P' },
			credentialSubject: {
				identifier: [{ identityType: 'name', identityHash: 'Chi đoàn B1a1', hashed: false }],
				achievement: { type: ['Achievement'], achievementType: 'Award', name: 'Bằng khen của Chủ tịch UBND tỉnh' }
			},
			evidence: [{ narrative: base(period.id).citation }],
			proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod' }
		});
		// The same bytes each time: Ed25519 is deterministic and the proof's time is the decision's.
		expect(JSON.stringify(awardCredential(province(), award, origin))).toBe(JSON.stringify(credential));

		// Checked here without the signer's code: the RFC 8785 author's canonicaliser and node's Ed25519.
		const [key] = publishedKeys(t.db);
		expect(credential.proof.verificationMethod).toBe(`${origin}/xac-minh/khoa.json#${key!.id}`);
		const published = ed25519FromMultikey(ed25519Multikey(key!.publicKey))!;
		const independentlyValid = (secured: Record<string, unknown>) => {
			const { proof, ...document } = secured as { proof: Record<string, string> };
			const { proofValue, ...options } = proof;
			const sha = (v: unknown) => createHash('sha256').update(canonicalize(v)!).digest();
			const data = Buffer.concat([sha({ ...options, '@context': document['@context' as keyof typeof document] }), sha(document)]);
			const publicKey = createPublicKey({
				key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(published).toString('base64url') },
				format: 'jwk'
			});
			const signature = fromBase58btc(proofValue!.slice(1));
			return signature !== null && signature.length === 64 && verify(null, data, publicKey, signature);
		};
		expect(independentlyValid(credential)).toBe(true);
		expect(verifyDocument(credential, published)).toBe(true);
		const text = JSON.stringify(credential);
		const oneByte = (at: number) => {
			const bytes = Buffer.from(text);
			bytes[at] = bytes[at]! ^ 0x01;
			return JSON.parse(bytes.toString()) as Record<string, unknown>;
		};
		const byteOf = (s: string) => Buffer.from(text).indexOf(Buffer.from(s));
		const inName = byteOf('Chi đoàn B1a1') + 1;
		const inProof = byteOf('"proofValue":"z') + 20;
		const inDay = byteOf('"validFrom":"2026') + 16;
		for (const at of [inName, inProof, inDay]) {
			expect(independentlyValid(oneByte(at))).toBe(false);
			expect(verifyDocument(oneByte(at), published)).toBe(false);
		}
		// Another key does not verify it.
		expect(verifyDocument(credential, new Uint8Array(32).fill(7))).toBe(false);

		// Revoking is the office's, with a reason; the award leaves the public lists and its page says revoked.
		expect(revokeAward(d1(), award.id, 'Hồ sơ kê khai sai')).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(revokeAward(province(), award.id, '  ')).toMatchObject({ ok: false, problem: 'invalid' });
		expect(revokeAward(province(), award.id, 'Hồ sơ kê khai sai').ok).toBe(true);
		expect(revokeAward(province(), award.id, 'lại')).toMatchObject({ ok: false, problem: 'conflict' });
		expect(awardDetails(t.db, award.id)!.revoked).toEqual({ at: NOW, reason: 'Hồ sơ kê khai sai' });
		expect(awardDetails(t.db, award.id)!.timeline.map((s) => [s.step, s.unitName, s.note])).toEqual([
			['proposed', 'Huyện đoàn D1', null],
			['selected', 'Tỉnh đoàn P', null],
			['endorsed', 'Tỉnh đoàn P', '2/3 thành viên đồng ý'],
			['awarded', 'Tỉnh đoàn P', '12/QĐ-UBND'],
			['revoked', 'Tỉnh đoàn P', 'Hồ sơ kê khai sai']
		]);
		expect(publishedAwards({ db: t.db }, { campaignId: c.campaign.id })).toEqual([]);
		expect(publishedAwards({ db: t.db }, { unitId: f.units.B1a1.id })).toEqual([]);
	});

	it('refuses an open period, another district’s subject, a form not for that subject, no citation, twice, and twice a year', () => {
		t.db
			.update(campaigns)
			.set({
				awardForms: [
					{ code: 'BK', name: 'Bằng khen', subjects: ['collective'], oncePerYear: true },
					{ code: 'BK2', name: 'Bằng khen giai đoạn', subjects: ['collective'], periods: ['PH2'] }
				]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const open2026 = t.db
			.select()
			.from(periods)
			.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2026')))
			.get()!;
		expect(nominate(d1(), base(open2026.id))).toMatchObject({ ok: false, problem: 'conflict' });
		const period = closedYear();
		expect(nominate(d1(), { ...base(period.id), subjectId: f.units.B2a1.id })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(nominate(d1(), { ...base(period.id), subjectType: 'member', subjectId: f.people.member.id })).toMatchObject({
			ok: false,
			problem: 'invalid'
		});
		expect(nominate(d1(), { ...base(period.id), formCode: 'BK2' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(nominate(d1(), { ...base(period.id), citation: '  ' })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(nominate(contextFor(t.db, f.people.g1aAdmin.id), { ...base(period.id), unitId: f.units.D1.id })).toMatchObject({
			ok: false,
			problem: 'forbidden'
		});
		const first = nominate(d1(), base(period.id));
		expect(first.ok).toBe(true);
		expect(nominate(d1(), base(period.id))).toMatchObject({ ok: false, problem: 'conflict' });
		decideNomination(province(), first.ok ? first.id : 0, 'select');
		// Phase I ends in the same year: the once-a-year form is not given to B1a1 again at its review.
		t.db
			.insert(periods)
			.values({ campaignId: c.campaign.id, code: 'PH1', name: 'Giai đoạn I', kind: 'phase', startsOn: '2023-07-10', endsOn: '2025-12-31' })
			.run();
		const phase1 = t.db
			.select()
			.from(periods)
			.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'PH1')))
			.get()!;
		expect(changePeriod(province(), phase1.id, 'close')).toEqual({ ok: true });
		const again = nominate(d1(), base(phase1.id));
		expect(again).toMatchObject({ ok: false, problem: 'conflict' });
		expect(!again.ok && again.error).toBe('Đối tượng đã được chọn khen hình thức này trong năm 2025.');
		expect(nominate(d1(), { ...base(phase1.id), subjectId: f.units.B1a2.id }).ok).toBe(true);
	});
});
