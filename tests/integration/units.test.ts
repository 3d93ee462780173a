import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { TODAY } from '../helpers/clock';
import { createUnit, mergeUnit, moveUnit, renameUnit, retireUnit } from '../../src/lib/server/units/service';
import { absorbedInto, getUnit, unitHistory, memberCounts, searchUnits } from '../../src/lib/server/units/queries';
import { auditLog, memberships, roleAssignments } from '../../src/lib/server/db/schema';
import { expectForbidden } from '../helpers/refusals';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
});
afterEach(() => t.close());

const auditActions = () => t.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).all();

describe('unit services', () => {
	it('a district admin renames a unit inside its district, with an audit row', () => {
		const ctx = contextFor(t.db, f.people.d1Admin.id);
		const result = renameUnit(ctx, f.units.G1a.id, { name: 'Đoàn xã Tà Ma mới', shortName: '' });
		expect(result.ok).toBe(true);
		const unit = getUnit(t.db, f.units.G1a.id)!;
		expect(unit.name).toBe('Đoàn xã Tà Ma mới');
		expect(unit.shortName).toBe('Đoàn xã Tà Ma mới');
		expect(searchUnits(t.db, 'ta ma moi').map((u) => u.id)).toEqual([f.units.G1a.id]);
		const rows = unitHistory(t.db, f.units.G1a.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ action: 'unit.rename', before: { name: 'Đoàn xã G1a' }, after: { name: 'Đoàn xã Tà Ma mới' } });
	});

	it('a district admin cannot rename a unit outside its district: 403, nothing changed, only a denial audited', () => {
		const ctx = contextFor(t.db, f.people.d1Admin.id);
		expectForbidden(() => renameUnit(ctx, f.units.G2a.id, { name: 'Hijacked', shortName: '' }));
		expect(getUnit(t.db, f.units.G2a.id)!.name).toBe('Đoàn xã G2a');
		expect(auditActions()).toEqual([{ action: 'authz_fail', actorId: f.people.d1Admin.id }]);
	});

	it('a member and a unit admin cannot change the structure', () => {
		const before = rowCounts(t.db);
		expectForbidden(() =>
			createUnit(contextFor(t.db, f.people.member.id), { parentId: f.units.B1a1.id, name: 'X', shortName: '', level: 'branch' })
		);
		expectForbidden(() => renameUnit(contextFor(t.db, f.people.g1aAdmin.id), f.units.B1a1.id, { name: 'X', shortName: '' }));
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 2 });
		expect(getUnit(t.db, f.units.B1a1.id)!.name).toBe('Chi đoàn B1a1');
	});

	it('creates a unit with its path under the parent', () => {
		const result = createUnit(contextFor(t.db, f.people.d1Admin.id), {
			parentId: f.units.G1b.id,
			name: 'Chi đoàn mới',
			shortName: 'CĐ mới',
			level: 'branch'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.unit.path).toBe(`${f.units.G1b.path}${result.unit.id}/`);
		expect(result.unit.depth).toBe(f.units.G1b.depth + 1);
	});

	it('refuses an unknown level', () => {
		const before = rowCounts(t.db);
		const result = createUnit(contextFor(t.db, f.people.provinceAdmin.id), {
			parentId: f.units.G1b.id,
			name: 'X',
			shortName: '',
			level: 'planet'
		});
		expect(result).toEqual({ ok: false, error: 'unitError.unknownLevel' });
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('moves a subtree: every descendant path follows, members stay counted', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const result = moveUnit(ctx, f.units.G1a.id, f.units.D2.id);
		expect(result.ok).toBe(true);
		const g = getUnit(t.db, f.units.G1a.id)!;
		expect(g.path).toBe(`${f.units.D2.path}${g.id}/`);
		expect(getUnit(t.db, f.units.B1a1.id)!.path).toBe(`${g.path}${f.units.B1a1.id}/`);
		expect(getUnit(t.db, f.units.B1a1.id)!.depth).toBe(3);
		const counts = memberCounts(t.db, [f.units.D2.path, f.units.D1.path], '2026-01-01');
		expect(counts.get(f.units.D2.path)).toBe(2); // the member of B1a1 and G1a's secretary moved with it
	});

	it('refuses a move into the unit’s own subtree', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		expect(moveUnit(ctx, f.units.D1.id, f.units.B1a1.id)).toEqual({ ok: false, error: 'unitError.cycle' });
		expect(getUnit(t.db, f.units.D1.id)!.parentId).toBe(f.units.P.id);
	});

	it('a district admin cannot move a unit out of its district', () => {
		expectForbidden(() => moveUnit(contextFor(t.db, f.people.d1Admin.id), f.units.G1a.id, f.units.D2.id));
		expect(getUnit(t.db, f.units.G1a.id)!.parentId).toBe(f.units.D1.id);
	});

	it('merges two branches: the retired one points at the survivor, members move, history is kept', () => {
		const extra = insertPerson(t.db, 'Đoàn viên B1a2', { unitId: f.units.B1a2.id });
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const result = mergeUnit(ctx, f.units.B1a2.id, f.units.B1a1.id);
		expect(result.ok).toBe(true);
		const retired = getUnit(t.db, f.units.B1a2.id)!;
		expect(retired).toMatchObject({ active: false, successorId: f.units.B1a1.id, name: 'Chi đoàn B1a2' });
		expect(absorbedInto(t.db, f.units.B1a1.id).map((u) => u.id)).toEqual([f.units.B1a2.id]);
		const rows = t.db.select().from(memberships).where(eq(memberships.personId, extra.id)).all();
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.unitId === f.units.B1a2.id)!.leftOn).toBe(TODAY);
		expect(rows.find((r) => r.unitId === f.units.B1a1.id)!.leftOn).toBeNull();
		const openRoles = t.db
			.select()
			.from(roleAssignments)
			.where(and(eq(roleAssignments.unitId, f.units.B1a2.id), isNull(roleAssignments.revokedAt)))
			.all();
		expect(openRoles).toHaveLength(0);
		const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'unit.merge')).get()!;
		expect(audit.actorId).toBe(f.people.provinceAdmin.id);
		expect(audit.after).toMatchObject({ successorId: f.units.B1a1.id, movedMembers: 1 });
	});

	it('merging a grassroots union moves its branches under the survivor', () => {
		const ctx = contextFor(t.db, f.people.d1Admin.id);
		expect(mergeUnit(ctx, f.units.G1b.id, f.units.G1a.id).ok).toBe(true);
		const b = getUnit(t.db, f.units.B1b1.id)!;
		expect(b.parentId).toBe(f.units.G1a.id);
		expect(b.path).toBe(`${f.units.G1a.path}${b.id}/`);
	});

	it('a retired unit cannot be renamed, merged into or moved', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		mergeUnit(ctx, f.units.B1a2.id, f.units.B1a1.id);
		expect(renameUnit(ctx, f.units.B1a2.id, { name: 'X', shortName: '' })).toEqual({ ok: false, error: 'unitError.retired' });
		expect(mergeUnit(ctx, f.units.B1b1.id, f.units.B1a2.id)).toEqual({ ok: false, error: 'unitError.retired' });
		expect(moveUnit(ctx, f.units.B1b1.id, f.units.B1a2.id)).toEqual({ ok: false, error: 'unitError.retired' });
	});

	it('retires only a unit without active children, closing memberships', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		expect(retireUnit(ctx, f.units.G1a.id)).toEqual({ ok: false, error: 'unitError.hasActiveChildren' });
		expect(retireUnit(ctx, f.units.B1a1.id).ok).toBe(true);
		const m = t.db.select().from(memberships).where(eq(memberships.personId, f.people.member.id)).get()!;
		expect(m.leftOn).toBe(TODAY);
		expect(retireUnit(ctx, f.units.P.id)).toEqual({ ok: false, error: 'unitError.root' });
	});
});
