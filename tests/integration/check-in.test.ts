import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { NOW } from '../helpers/clock';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { expectForbidden } from '../helpers/refusals';
import { checkIn, checkedIn, currentCheckInCode } from '../../src/lib/server/initiatives/check-in';
import { updateInitiative } from '../../src/lib/server/initiatives/service';
import { initiativeDetail } from '../../src/lib/server/initiatives/queries';
import { CHECK_IN_WINDOW_MS } from '../../src/lib/domain/initiatives/check-in';
import { isoDay } from '../../src/lib/format';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
});
afterEach(() => t.close());

const today = isoDay(NOW);
const input = (overrides = {}) => vneidSession(c, f.units.B1a1.id, { day: today, title: 'Tập huấn chữ ký số', ...overrides });
const organiser = (now = NOW) => contextFor(t.db, f.people.g1aAdmin.id, now);
const todaysWork = () => loggedInitiative(organiser(), input());
const codeFor = (id: number, now = NOW) => {
	const code = currentCheckInCode(organiser(now), id);
	if (!code.ok) throw new Error(code.error);
	return code.code;
};
const participants = (id: number) => initiativeDetail(t.db, id)!.participants.map((p) => p.displayName);

describe('QR check-in', () => {
	it('a member who scans the code of this minute becomes a participant, once, and the list says when', () => {
		const id = todaysWork();
		const code = codeFor(id);
		expect(checkIn(contextFor(t.db, f.people.member.id), id, code)).toEqual({ ok: true, title: 'Tập huấn chữ ký số', already: false });
		expect(checkIn(contextFor(t.db, f.people.member.id), id, code)).toMatchObject({ ok: true, already: true });
		expect(checkedIn(t.db, id)).toEqual([{ name: 'Đoàn viên B1a1', at: NOW }]);
		expect(participants(id)).toEqual(['Đoàn viên B1a1']);
	});

	it('the code of a minute ago still works; one two minutes old, a forged one, or another work’s does not', () => {
		const id = todaysWork();
		const other = todaysWork();
		const code = codeFor(id);
		const member = (now: number) => contextFor(t.db, f.people.member.id, now);
		const before = rowCounts(t.db);
		expect(checkIn(member(NOW + 2 * CHECK_IN_WINDOW_MS), id, code)).toEqual({ ok: false, error: 'checkIn.staleCode' });
		expect(
			checkIn(
				member(NOW),
				id,
				code.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))
			)
		).toEqual({ ok: false, error: 'checkIn.badCode' });
		expect(checkIn(member(NOW), other, code)).toEqual({ ok: false, error: 'checkIn.badCode' });
		expect(checkIn(member(NOW), id, '<script>')).toEqual({ ok: false, error: 'checkIn.badCode' });
		expect(rowCounts(t.db)).toEqual(before);
		expect(checkIn(member(NOW + CHECK_IN_WINDOW_MS), id, code)).toMatchObject({ ok: true });
	});

	it('someone from another district, work already sent, or a day other than the event’s is refused', () => {
		const id = todaysWork();
		const code = codeFor(id);
		const outsider = insertPerson(t.db, 'Người huyện khác', { unitId: f.units.B2a1.id });
		expect(checkIn(contextFor(t.db, outsider.id), id, code)).toEqual({ ok: false, error: 'checkIn.outOfScope' });
		expect(checkIn(contextFor(t.db, null), id, code)).toEqual({ ok: false, error: 'checkIn.badCode' });

		const yesterday = loggedInitiative(organiser(), input({ day: isoDay(NOW - 86_400_000) }));
		expect(currentCheckInCode(organiser(), yesterday)).toEqual({ ok: false, error: 'checkIn.notToday' });
		submitted(organiser(), id);
		expect(checkIn(contextFor(t.db, f.people.member.id), id, code)).toEqual({ ok: false, error: 'checkIn.notEditable' });
		expect(checkedIn(t.db, id)).toEqual([]);
	});

	it('only those who may edit the work show its code', () => {
		const id = todaysWork();
		expectForbidden(() => currentCheckInCode(contextFor(t.db, f.people.member.id), id));
	});

	it('a save of the form opened before someone checked in keeps them', () => {
		const id = todaysWork();
		checkIn(contextFor(t.db, f.people.member.id), id, codeFor(id));
		expect(updateInitiative(organiser(), id, input({ participantIds: [] }))).toMatchObject({ ok: true });
		expect(participants(id)).toEqual(['Đoàn viên B1a1']);
	});
});
