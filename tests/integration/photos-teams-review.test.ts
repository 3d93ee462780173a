import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { campaignFixture, contextFor, scoringFixture, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { createInitiative, takeStep, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { approved, loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { daysBefore } from '../helpers/clock';
import { addPhotos, removePhoto } from '../../src/lib/server/initiatives/photos';
import { livePhotos } from '../../src/lib/server/initiatives/queries';
import { REVIEW_PAGE_SIZE, reviewQueue, waitingCount } from '../../src/lib/server/initiatives/review';
import { createTeam, issueTeamInvite, joinTeam } from '../../src/lib/server/teams/service';
import { activeMemberIds } from '../../src/lib/server/teams/queries';
import { photoPath } from '../../src/lib/server/photos/storage';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let uploads: string;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	uploads = join(t.dir, 'uploads');
});
afterEach(() => t.close());

const jpeg = (colour: string, gps = false) => {
	let image = sharp({ create: { width: 2000, height: 1500, channels: 3, background: colour } }).jpeg();
	if (gps)
		image = image.withExif({
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 23/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '103/1 1/1 0/1' }
		});
	return image.toBuffer();
};

/** A draft logged by G1a's secretary in B1a1: 40 people helped on 1/11. */
const logged = (overrides: Partial<InitiativeInput> = {}) =>
	loggedInitiative(contextFor(t.db, f.people.g1aAdmin.id), vneidSession(c, f.units.B1a1.id, { day: '2026-11-01', ...overrides }));

const files = () => (existsSync(uploads) ? readdirSync(uploads, { recursive: true }).filter((p) => String(p).endsWith('.webp')) : []);

describe('photos', () => {
	it('stores re-encoded WebP files without EXIF or GPS, outside any public folder, under random names', async () => {
		const id = logged();
		const ctx = contextFor(t.db, f.people.g1aAdmin.id);
		expect(await addPhotos(ctx, id, [{ name: '../../etc/passwd.jpg', bytes: await jpeg('#c00', true) }], uploads)).toEqual({
			ok: true,
			added: 1
		});
		const [photo] = livePhotos(t.db, id);
		expect(photo!.id).toMatch(/^[a-z0-9]{24}$/);
		for (const size of ['display', 'thumb'] as const) {
			const meta = await sharp(readFileSync(photoPath(uploads, photo!.id, size))).metadata();
			expect(meta.format).toBe('webp');
			expect(meta.exif).toBeUndefined();
		}
		expect(files()).toHaveLength(2);
	});

	it('refuses a whole batch when one file is not an image, a ninth photo, or an edit after submission', async () => {
		const id = logged();
		const ctx = contextFor(t.db, f.people.g1aAdmin.id);
		const pdf = { name: 'bao-cao.jpg', bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF') };
		const empty = rowCounts(t.db);
		const result = await addPhotos(ctx, id, [{ name: 'a.jpg', bytes: await jpeg('#0c0') }, pdf], uploads);
		expect(result).toEqual({ ok: false, error: '“bao-cao.jpg” không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP.' });
		expect(rowCounts(t.db)).toEqual(empty);
		expect(files()).toHaveLength(0);

		const eight = await Promise.all(Array.from({ length: 8 }, (_, i) => jpeg(`#${(i + 1).toString(16).repeat(3)}`)));
		expect(
			await addPhotos(
				ctx,
				id,
				eight.map((bytes, i) => ({ name: `${i}.jpg`, bytes })),
				uploads
			)
		).toEqual({ ok: true, added: 8 });
		const full = rowCounts(t.db);
		expect(full.photos).toBe(empty.photos! + 8);
		expect(await addPhotos(ctx, id, [{ name: '9.jpg', bytes: await jpeg('#999') }], uploads)).toEqual({
			ok: false,
			error: 'Mỗi sáng kiến tối đa 8 ảnh.'
		});
		expect(rowCounts(t.db)).toEqual(full);
		expect(files()).toHaveLength(16);

		const [first] = livePhotos(t.db, id);
		expect(await removePhoto(ctx, id, first!.id, uploads)).toBe(true);
		expect(existsSync(photoPath(uploads, first!.id, 'display'))).toBe(false);
		submitted(ctx, id);
		const onSubmission = rowCounts(t.db);
		expect(await addPhotos(ctx, id, [{ name: 'late.jpg', bytes: await jpeg('#abc') }], uploads)).toMatchObject({ ok: false });
		expect(rowCounts(t.db)).toEqual(onSubmission);
		expect(livePhotos(t.db, id)).toHaveLength(7);
		expect(files()).toHaveLength(14);
	});
});

describe('teams', () => {
	it('members join by invite from within the district; a new invite replaces the old one; outsiders are refused', () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const team = createTeam(secretary, {
			name: 'Đội hình số',
			kind: 'digital_volunteer',
			unitId: f.units.G1a.id,
			leaderId: f.people.g1aAdmin.id,
			servedPlaces: ['Bản A'],
			helpers: ['Bà Lò Thị Hoa'],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: [c.vneid.id]
		});
		expect(team.ok).toBe(true);
		if (!team.ok) return;
		const first = issueTeamInvite(secretary, team.team.id)!;
		const second = issueTeamInvite(secretary, team.team.id)!;
		const sameDistrict = insertPerson(t.db, 'Đoàn viên G1b', { unitId: f.units.B1b1.id });
		const otherDistrict = insertPerson(t.db, 'Đoàn viên D2', { unitId: f.units.B2a1.id });
		const before = rowCounts(t.db);
		expect(joinTeam(contextFor(t.db, sameDistrict.id), first)).toEqual({ ok: false, error: 'team.inviteInvalid' });
		expect(rowCounts(t.db)).toEqual(before);
		expect(joinTeam(contextFor(t.db, sameDistrict.id), second)).toMatchObject({ ok: true, joined: true });
		expect(joinTeam(contextFor(t.db, sameDistrict.id), second)).toMatchObject({ ok: true, joined: false });
		const joined = rowCounts(t.db);
		expect(joinTeam(contextFor(t.db, otherDistrict.id), second)).toEqual({ ok: false, error: 'team.outOfScope' });
		expect(rowCounts(t.db)).toEqual(joined);
		expect(activeMemberIds(t.db, team.team.id).sort()).toEqual([f.people.g1aAdmin.id, sameDistrict.id].sort());
	});

	it('a member of a team cannot verify its work, even as a district admin', () => {
		const d1 = contextFor(t.db, f.people.d1Admin.id);
		const team = createTeam(d1, {
			name: 'Đội có quản trị huyện',
			kind: 'other',
			unitId: f.units.G1a.id,
			leaderId: f.people.g1aAdmin.id,
			servedPlaces: [],
			helpers: [],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: []
		});
		if (!team.ok) throw new Error('team');
		joinTeam(d1, issueTeamInvite(d1, team.team.id)!);
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const id = submitted(
			secretary,
			loggedInitiative(
				secretary,
				vneidSession(c, f.units.G1a.id, { day: '2026-11-01', people: 5, teamId: team.team.id, title: 'Việc của đội' })
			)
		);
		expect(() => takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'approve', { reason: null, seenRevision: 1 })).toThrow();
		expect(
			reviewQueue(t.db, contextFor(t.db, f.people.d1Admin.id).actor!, { unitId: null, activityTypeId: null, olderThanDays: null }, d1.now)
				.items
		).toHaveLength(0);
	});
});

describe('review queue', () => {
	it('lists what awaits the verifier, oldest first, with flags for reused photos, unusual numbers and outside authors', async () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const history = [10, 12, 11].map((n, i) => logged({ title: `Cũ ${i}`, measures: { [c.peopleMeasure.id]: String(n) } }));
		for (const id of history) approved(contextFor(t.db, f.people.d1Admin.id), submitted(secretary, id));
		const photo = await jpeg('#123');
		const a = logged({ title: 'Ảnh gốc' });
		await addPhotos(secretary, a, [{ name: 'x.jpg', bytes: photo }], uploads);
		const b = logged({ title: 'Số lớn bất thường', measures: { [c.peopleMeasure.id]: '400' } });
		await addPhotos(secretary, b, [{ name: 'x.jpg', bytes: photo }], uploads);
		submitted({ ...secretary, now: daysBefore(5, secretary.now) }, a);
		submitted(secretary, b);

		const queue = reviewQueue(
			t.db,
			contextFor(t.db, f.people.d1Admin.id).actor!,
			{ unitId: null, activityTypeId: null, olderThanDays: null },
			secretary.now
		).items;
		expect(queue.map((q) => q.title)).toEqual(['Ảnh gốc', 'Số lớn bất thường']);
		expect(queue[1]!.flags).toEqual(expect.arrayContaining([{ kind: 'duplicatePhoto' }, { kind: 'farAbove', label: 'Người được hỗ trợ' }]));
		// The G1a secretary is a member of G1a, which contains B1a1: not an outside author.
		expect(queue[1]!.flags).not.toContainEqual({ kind: 'outsideAuthor' });
		const older = reviewQueue(
			t.db,
			contextFor(t.db, f.people.d1Admin.id).actor!,
			{ unitId: null, activityTypeId: null, olderThanDays: 3 },
			secretary.now
		).items;
		expect(older.map((q) => q.title)).toEqual(['Ảnh gốc']);
		const otherDistrict = insertPerson(t.db, 'Quản trị D2', { unitId: f.units.D2.id, role: 'district_admin' });
		expect(
			reviewQueue(
				t.db,
				contextFor(t.db, otherDistrict.id).actor!,
				{ unitId: null, activityTypeId: null, olderThanDays: null },
				secretary.now
			).items
		).toHaveLength(0);
	});
});

describe('review queue, a page at a time', () => {
	it('shows 25 works per page, oldest first, counts them all, and lands on the last page when a later one empties', () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const ids = Array.from({ length: REVIEW_PAGE_SIZE + 5 }, (_, i) =>
			submitted({ ...secretary, now: secretary.now + i * 60_000 }, logged({ title: `Buổi ${i + 1}` }))
		);
		// Approved history too: the queue lists only what waits.
		approved(contextFor(t.db, f.people.d1Admin.id), submitted(secretary, logged({ title: 'Đã duyệt' })));
		const verifier = contextFor(t.db, f.people.d1Admin.id).actor!;
		const any = { unitId: null, activityTypeId: null, olderThanDays: null };
		const first = reviewQueue(t.db, verifier, any, secretary.now);
		const second = reviewQueue(t.db, verifier, any, secretary.now, 2);
		expect([first.total, first.page, first.pages, first.items.length]).toEqual([30, 1, 2, 25]);
		expect([second.total, second.page, second.pages]).toEqual([30, 2, 2]);
		expect([...first.items, ...second.items].map((q) => q.id)).toEqual(ids);
		expect(second.items.map((q) => q.title)).toEqual(['Buổi 26', 'Buổi 27', 'Buổi 28', 'Buổi 29', 'Buổi 30']);
		expect(reviewQueue(t.db, verifier, any, secretary.now, 9).items.map((q) => q.id)).toEqual(ids.slice(25));
		expect(waitingCount(t.db, verifier, any, secretary.now)).toBe(30);
	});
});

describe('activity catalogue', () => {
	it('only the province office adds or retires activity types; retired types leave the form, not old work', async () => {
		const { saveActivityType, setActivityTypeActive, catalogueForAdmin } = await import('../../src/lib/server/activities/service');
		const { activityCatalogue } = await import('../../src/lib/server/initiatives/queries');
		const measure = {
			code: '',
			remove: false,
			label: 'Người được hướng dẫn',
			unitLabel: 'người',
			kind: 'integer' as const,
			min: 1,
			max: 500,
			required: true
		};
		const input = {
			id: null,
			name: 'Hướng dẫn ứng dụng VssID',
			area: '1.4',
			measures: [
				{ ...measure, row: 0 },
				{ ...measure, unitLabel: 'lượt', row: 1 }
			],
			rules: []
		};
		expect(() => saveActivityType(contextFor(t.db, f.people.d1Admin.id), c.campaign.id, { ...input, name: 'Không được thêm' })).toThrow();
		// Types change the campaign file's way, and a file has scoring rules.
		scoringFixture(t.db, c);
		const created = saveActivityType(contextFor(t.db, f.people.provinceAdmin.id), c.campaign.id, input);
		expect(created).toMatchObject({ ok: true });
		const type = catalogueForAdmin(t.db, c.campaign.id).types.find((ty) => ty.name === 'Hướng dẫn ứng dụng VssID')!;
		expect(type.id).toBe(created.id);
		expect(type.measures.map((m) => m.code)).toEqual(['nguoi_duoc_huong_dan', 'nguoi_duoc_huong_dan_2']);
		const id = logged();
		expect(setActivityTypeActive(contextFor(t.db, f.people.provinceAdmin.id), c.campaign.id, c.vneid.id, false)).toBe(true);
		expect(activityCatalogue(t.db, c.campaign.id).map((a) => a.id)).not.toContain(c.vneid.id);
		expect(livePhotos(t.db, id)).toEqual([]);
		expect(
			createInitiative(contextFor(t.db, f.people.g1aAdmin.id), vneidSession(c, f.units.B1a1.id, { day: '2026-11-01', people: 5 }))
		).toMatchObject({ ok: false, errors: { activityTypeId: expect.any(String) } });
	});
});
