import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { contextFor, insertPerson, orgFixture, tempDatabase, type TempDb } from '../helpers/db';
import { HashBudget } from '../../src/lib/server/auth/hash-budget';
import { hashPassword } from '../../src/lib/server/auth/password';
import { login } from '../../src/lib/server/auth/login';
import { completeSignIn } from '../../src/lib/server/auth/sign-in-challenge';
import {
	confirmEnrolment,
	operatorResetSecondFactor,
	regenerateRecoveryCodes,
	resetSecondFactor,
	secondFactorAdminView,
	secondFactorStandingOf,
	secondFactorStatus,
	startEnrolment
} from '../../src/lib/server/auth/second-factor';
import { AccessDenied } from '../../src/lib/server/auth/authorize';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { issuePasswordToken, setPasswordWithLink } from '../../src/lib/server/auth/password-tokens';
import { loadActor } from '../../src/lib/server/auth/actor';
import { auditLog, people, recoveryCodes, secondFactors, sessions } from '../../src/lib/server/db/schema';
import { SECOND_FACTOR_GRACE_MS, totpStep } from '../../src/lib/domain/auth/second-factor';

/** The fake clock: every "now" in this file is T0 plus a fixed offset. */
const T0 = Date.UTC(2026, 10, 25, 3);
const PASSWORD = 'gió lào thổi qua Mường Phăng';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;

beforeEach(async () => {
	t = tempDatabase();
	f = orgFixture(t.db);
	const passwordHash = await hashPassword(new HashBudget({ concurrency: 1, queue: 0 }).admit()!, PASSWORD);
	t.db.update(people).set({ username: 'tinh', passwordHash }).where(eq(people.id, f.people.provinceAdmin.id)).run();
	t.db.update(people).set({ username: 'huyen', passwordHash }).where(eq(people.id, f.people.d1Admin.id)).run();
});
afterEach(() => t.close());

const ctxAt = (personId: number, now: number, ipHash = '10.0.0.1') => ({ ...contextFor(t.db, personId, now), ipHash });
const signIn = (username: string, now: number, ipHash = '10.0.0.1') =>
	login(
		t.db,
		{ identifier: username, password: PASSWORD, ipHash, userAgent: 'test', requestId: null },
		() => now,
		new HashBudget({ concurrency: 1, queue: 10 })
	);
const secondStep = (challenge: string, code: string, now: number, ipHash = '10.0.0.1') =>
	completeSignIn(t.db, { challenge, code, ipHash, userAgent: 'test', requestId: null }, now);
const sessionsOf = (personId: number) => t.db.select().from(sessions).where(eq(sessions.personId, personId)).all();
const actions = () =>
	t.db
		.select({ action: auditLog.action })
		.from(auditLog)
		.all()
		.map((r) => r.action);

/** The authenticator app: the code for a moment, from the key the server showed. */
function app(personId: number) {
	const key = () => {
		const row = t.db.select().from(secondFactors).where(eq(secondFactors.personId, personId)).get()!;
		return new Uint8Array(row.secret ?? row.pendingSecret!);
	};
	return (now: number) => generateHOTP(key(), BigInt(totpStep(now)), 6);
}

/** Enrols `personId` at T0 and returns the app and the recovery codes. */
function enrol(personId: number) {
	const ctx = ctxAt(personId, T0);
	expect(startEnrolment(ctx)).toEqual({ ok: true });
	const code = app(personId);
	const done = confirmEnrolment(ctx, code(T0));
	if (!done.ok) throw new Error(done.error);
	return { code, recovery: done.recoveryCodes };
}

async function challengeFor(username: string, now: number, ipHash?: string): Promise<string> {
	const first = await signIn(username, now, ipHash);
	if (first.ok || first.reason !== 'second_factor') throw new Error(`expected a second step, got ${JSON.stringify(first)}`);
	return first.challenge;
}

describe('enrolment', () => {
	it('shows a key as a QR-code URI and as a manual key, and turns it on only with a right code from it', () => {
		const ctx = ctxAt(f.people.provinceAdmin.id, T0);
		expect(secondFactorStatus(ctx)).toMatchObject({ available: true, enrolled: false, pending: null });
		startEnrolment(ctx);
		const status = secondFactorStatus(ctx);
		expect(status.pending?.uri).toMatch(/^otpauth:\/\/totp\/Ti%C3%AAn%20Phong:tinh\?.*secret=[A-Z2-7]{32}.*period=30.*digits=6/);
		expect(status.pending?.manualKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
		expect(confirmEnrolment(ctx, '12345')).toEqual({ ok: false, error: 'secondFactor.codeFormat' });
		const wrong = app(f.people.provinceAdmin.id)(T0 + 5 * 60_000);
		expect(confirmEnrolment(ctx, wrong)).toEqual({ ok: false, error: 'secondFactor.wrongCode' });
		expect(secondFactorStatus(ctx).enrolled).toBe(false);
		const done = confirmEnrolment(ctx, app(f.people.provinceAdmin.id)(T0));
		expect(done).toEqual({ ok: true, recoveryCodes: expect.any(Array) });
		if (!done.ok) return;
		expect(done.recoveryCodes).toHaveLength(10);
		for (const code of done.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		expect(new Set(done.recoveryCodes).size).toBe(10);
		expect(secondFactorStatus(ctx)).toMatchObject({ enrolled: true, confirmedAt: T0, recoveryCodesLeft: 10, pending: null });
		// Only hashes are stored.
		const file = readFileSync(t.path).toString('latin1') + readFileSync(`${t.path}-wal`).toString('latin1');
		for (const code of done.recoveryCodes) expect(file).not.toContain(code.replaceAll('-', ''));
		expect(actions()).toEqual(['authn_mfa_enrol_start', 'authn_mfa_enrol_fail', 'authn_mfa_enrol']);
	});

	it('is for province and district admins only', () => {
		expect(() => startEnrolment(ctxAt(f.people.g1aAdmin.id, T0))).toThrow(AccessDenied);
		expect(() => startEnrolment(ctxAt(f.people.member.id, T0))).toThrow(AccessDenied);
		expect(t.db.select().from(secondFactors).all()).toHaveLength(0);
		expect(secondFactorStatus(ctxAt(f.people.member.id, T0)).available).toBe(false);
	});
});

describe('signing in with a second factor', () => {
	it('a province admin gets no session from the password alone once enrolled, and one with the code', async () => {
		const { code } = enrol(f.people.provinceAdmin.id);
		const now = T0 + 60_000;
		const first = await signIn('tinh', now);
		expect(first).toEqual({ ok: false, reason: 'second_factor', challenge: expect.any(String), expiresAt: now + 5 * 60_000 });
		expect(sessionsOf(f.people.provinceAdmin.id)).toHaveLength(0);
		const challenge = (first as { challenge: string }).challenge;
		expect(secondStep(challenge, '000000' === code(now) ? '111111' : '000000', now)).toEqual({ ok: false, reason: 'wrong' });
		expect(secondStep(challenge, 'not a code', now)).toEqual({ ok: false, reason: 'format' });
		expect(secondStep(`${challenge}x`, code(now), now)).toEqual({ ok: false, reason: 'expired' });
		expect(sessionsOf(f.people.provinceAdmin.id)).toHaveLength(0);
		const done = secondStep(challenge, code(now), now);
		expect(done).toMatchObject({ ok: true, recoveryCodesLeft: null });
		if (!done.ok) return;
		expect(validateSessionToken(t.db, done.token, now)?.session.personId).toBe(f.people.provinceAdmin.id);
		// The pending sign-in was used up, and the same code does not work twice.
		expect(secondStep(challenge, code(now), now)).toEqual({ ok: false, reason: 'expired' });
		expect(secondStep(await challengeFor('tinh', now), code(now), now)).toEqual({ ok: false, reason: 'wrong' });
		expect(actions().slice(2)).toEqual([
			'authn_login_password_ok',
			'authn_mfa_fail',
			'authn_login_success',
			'authn_login_password_ok',
			'authn_mfa_fail'
		]);
	});

	it('a pending sign-in lasts five minutes', async () => {
		const { code } = enrol(f.people.d1Admin.id);
		const challenge = await challengeFor('huyen', T0 + 60_000);
		const later = T0 + 60_000 + 5 * 60_000;
		expect(secondStep(challenge, code(later), later)).toEqual({ ok: false, reason: 'expired' });
	});

	it('recovery codes work once each, in any case and with or without dashes', async () => {
		const { recovery } = enrol(f.people.provinceAdmin.id);
		const now = T0 + 60_000;
		expect(secondStep(await challengeFor('tinh', now), recovery[0]!, now)).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
		expect(secondStep(await challengeFor('tinh', now), recovery[0]!, now)).toEqual({ ok: false, reason: 'wrong' });
		const typed = recovery[1]!.toUpperCase().replaceAll('-', ' ');
		expect(secondStep(await challengeFor('tinh', now), typed, now)).toMatchObject({ ok: true, recoveryCodesLeft: 8 });
		const used = t.db
			.select()
			.from(recoveryCodes)
			.where(eq(recoveryCodes.personId, f.people.provinceAdmin.id))
			.all()
			.filter((r) => r.usedAt !== null);
		expect(used).toHaveLength(2);
		expect(actions().filter((a) => a === 'authn_mfa_recovery_used')).toHaveLength(2);
	});

	it('new recovery codes replace the old ones, for a current code', () => {
		const { code, recovery } = enrol(f.people.provinceAdmin.id);
		const ctx = ctxAt(f.people.provinceAdmin.id, T0 + 60_000);
		expect(regenerateRecoveryCodes(ctx, '000000' === code(ctx.now) ? '111111' : '000000')).toEqual({
			ok: false,
			error: 'secondFactor.wrongCode'
		});
		const fresh = regenerateRecoveryCodes(ctx, code(ctx.now));
		expect(fresh).toMatchObject({ ok: true });
		if (!fresh.ok) return;
		expect(fresh.recoveryCodes.some((c) => recovery.includes(c))).toBe(false);
		expect(secondFactorStatus(ctx).recoveryCodesLeft).toBe(10);
	});

	it('throttles wrong codes per account from every address, even before the right code', async () => {
		const { code } = enrol(f.people.d1Admin.id);
		const now = T0 + 60_000;
		const challenge = await challengeFor('huyen', now);
		for (let i = 0; i < 5; i++)
			expect(secondStep(challenge, `99999${i}` === code(now) ? '888888' : `99999${i}`, now, `203.0.113.${i}`)).toEqual({
				ok: false,
				reason: 'wrong'
			});
		expect(secondStep(challenge, code(now), now, '10.9.9.9')).toEqual({ ok: false, reason: 'throttled', waitMs: 30_000 });
		expect(sessionsOf(f.people.d1Admin.id)).toHaveLength(0);
		expect(actions().filter((a) => a === 'authn_mfa_fail')).toHaveLength(5);
		expect(actions()).toContain('authn_mfa_throttled');
		const later = now + 30_000;
		expect(secondStep(challenge, code(later), later)).toMatchObject({ ok: true });
	});

	it('a set-password link does not get past the second factor', async () => {
		enrol(f.people.d1Admin.id);
		const ctx = ctxAt(f.people.provinceAdmin.id, T0);
		const link = t.db.transaction(() => issuePasswordToken(ctx, f.people.d1Admin.id, null));
		const result = await setPasswordWithLink(ctx, link, 'sương sớm trên đèo Pha Đin', 'sương sớm trên đèo Pha Đin');
		expect(result).toEqual({ ok: true, personId: f.people.d1Admin.id, needsSecondFactor: true });
	});
});

describe('reset and the grace period', () => {
	it('only a province admin resets a district admin’s second factor; the person must enrol again at once', async () => {
		enrol(f.people.d1Admin.id);
		const d1 = f.people.d1Admin.id;
		const open = createSession(t.db, d1, T0);
		expect(() => resetSecondFactor(ctxAt(f.people.g1aAdmin.id, T0), d1)).toThrow(AccessDenied);
		expect(() => resetSecondFactor(ctxAt(d1, T0), d1)).toThrow(AccessDenied);
		expect(secondFactorAdminView(ctxAt(f.people.g1aAdmin.id, T0), d1)).toEqual({ enrolled: true, canReset: false });
		expect(secondFactorAdminView(ctxAt(f.people.provinceAdmin.id, T0), d1)).toEqual({ enrolled: true, canReset: true });
		const at = T0 + 60_000;
		expect(resetSecondFactor(ctxAt(f.people.provinceAdmin.id, at), d1)).toEqual({ ok: true });
		expect(validateSessionToken(t.db, open.token, at)).toBeNull();
		expect(t.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, d1)).all()).toHaveLength(0);
		const reset = t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'authn_mfa_reset'), eq(auditLog.targetId, String(d1))))
			.get();
		expect(reset).toMatchObject({ actorId: f.people.provinceAdmin.id, unitId: f.units.D1.id });
		// The password alone works again, but the account is overdue: only the enrolment page until it is done.
		expect((await signIn('huyen', at)).ok).toBe(true);
		expect(secondFactorStandingOf(t.db, loadActor(t.db, d1)!.actor, at)).toEqual({ standing: 'overdue', dueAt: at });
		expect(resetSecondFactor(ctxAt(f.people.provinceAdmin.id, at), d1)).toEqual({ ok: false, error: 'secondFactor.notEnrolled' });
		expect(actions().filter((a) => a === 'authz_fail')).toHaveLength(2);
	});

	it('a province admin’s second factor is not reset by another province admin, only by the operator’s command', () => {
		enrol(f.people.provinceAdmin.id);
		const other = insertPerson(t.db, 'Quản trị Tỉnh 2', { unitId: f.units.P.id, role: 'province_admin' });
		expect(() => resetSecondFactor(ctxAt(other.id, T0), f.people.provinceAdmin.id)).toThrow(AccessDenied);
		expect(secondFactorStatus(ctxAt(f.people.provinceAdmin.id, T0)).enrolled).toBe(true);
		expect(operatorResetSecondFactor(t.db, f.people.provinceAdmin.id, T0 + 1000)).toEqual({ ok: true });
		expect(secondFactorStatus(ctxAt(f.people.provinceAdmin.id, T0 + 1000)).enrolled).toBe(false);
		const row = t.db.select().from(auditLog).where(eq(auditLog.action, 'authn_mfa_reset')).get();
		expect(row).toMatchObject({ actorId: null, targetId: String(f.people.provinceAdmin.id), after: { by: 'operator' } });
	});

	it('starts a privileged account’s grace period the first time it is seen, and only theirs', () => {
		const standing = (personId: number, now: number) => secondFactorStandingOf(t.db, loadActor(t.db, personId)!.actor, now);
		expect(standing(f.people.provinceAdmin.id, T0)).toEqual({ standing: 'grace', dueAt: T0 + SECOND_FACTOR_GRACE_MS });
		expect(standing(f.people.provinceAdmin.id, T0 + 1000)).toEqual({ standing: 'grace', dueAt: T0 + SECOND_FACTOR_GRACE_MS });
		expect(standing(f.people.provinceAdmin.id, T0 + SECOND_FACTOR_GRACE_MS)).toMatchObject({ standing: 'overdue' });
		expect(standing(f.people.g1aAdmin.id, T0)).toEqual({ standing: 'not_required', dueAt: null });
		expect(standing(f.people.member.id, T0)).toEqual({ standing: 'not_required', dueAt: null });
		expect(t.db.select().from(secondFactors).all()).toHaveLength(1);
		enrol(f.people.provinceAdmin.id);
		expect(standing(f.people.provinceAdmin.id, T0 + SECOND_FACTOR_GRACE_MS)).toEqual({ standing: 'enrolled', dueAt: null });
	});
});
