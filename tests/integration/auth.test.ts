import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contextFor, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import { HashBudget } from '../../src/lib/server/auth/hash-budget';
import { login, type LoginInput, type LoginResult } from '../../src/lib/server/auth/login';
import { createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { consumePasswordToken, issuePasswordToken, peekPasswordToken } from '../../src/lib/server/auth/password-tokens';
import { changePassword } from '../../src/lib/server/auth/change-password';
import { createPerson } from '../../src/lib/server/people/service';
import { auditLog, loginAttempts, people, sessions } from '../../src/lib/server/db/schema';
import { readFileSync } from 'node:fs';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
const PASSWORD = 'mây trắng Pha Đin';
/** Room for every concurrent guess a test makes: these tests are about the throttle, not the budget. */
const roomy = () => new HashBudget({ concurrency: 2, queue: 100 });

beforeEach(async () => {
	t = tempDatabase();
	f = orgFixture(t.db);
	t.db
		.update(people)
		.set({ username: 'bithu', phone: '0912345678', passwordHash: await hashPassword(roomy().admit()!, PASSWORD) })
		.where(eq(people.id, f.people.g1aAdmin.id))
		.run();
});
afterEach(() => t.close());

const attempt = (identifier: string, password: string, address = '10.0.0.1', now = 1_000_000, budget = roomy()): ReturnType<typeof login> =>
	login(t.db, { identifier, password, ipHash: address, userAgent: 'test', requestId: null } satisfies LoginInput, () => now, budget);
const auditCount = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).all().length;
const tally = (results: LoginResult[]) => ({
	failed: results.filter((r) => !r.ok && r.reason === 'failed').length,
	throttled: results.filter((r) => !r.ok && r.reason === 'throttled').length
});

describe('login', () => {
	it('signs in by username, phone in any format, and stores argon2id with explicit parameters', async () => {
		expect((await attempt('bithu', PASSWORD)).ok).toBe(true);
		expect((await attempt('+84 912 345 678', PASSWORD)).ok).toBe(true);
		const hash = t.db.select({ h: people.passwordHash }).from(people).where(eq(people.id, f.people.g1aAdmin.id)).get()!.h!;
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('answers the same for an unknown account, a wrong password and an account without a password', async () => {
		const unknown = await attempt('nobody@example.vn', PASSWORD);
		const wrong = await attempt('bithu', 'sai mật khẩu rồi');
		const noPassword = await attempt(String(f.people.member.id), PASSWORD);
		expect(unknown).toEqual({ ok: false, reason: 'failed' });
		expect(wrong).toEqual(unknown);
		expect(noPassword).toEqual(unknown);
	});

	it('backs off per account and address after repeated failures — also for the right password — and a success resets it', async () => {
		for (let i = 0; i < 4; i++) expect(await attempt('bithu', 'wrong-password')).toEqual({ ok: false, reason: 'failed' });
		expect(await attempt('bithu', PASSWORD)).toEqual({ ok: false, reason: 'throttled', waitMs: 5_000 });
		// The phone number is the same account: no fresh allowance by typing it another way.
		expect(await attempt('0912 345 678', PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });
		// Five seconds later the owner gets in, and the counter starts again.
		expect((await attempt('bithu', PASSWORD, '10.0.0.1', 1_000_000 + 5_000)).ok).toBe(true);
		expect(await attempt('bithu', 'wrong-password', '10.0.0.1', 1_000_000 + 6_000)).toEqual({ ok: false, reason: 'failed' });
	});

	it('lets through only the policy’s four guesses of a concurrent burst of 40 from one address', async () => {
		const results = await Promise.all(Array.from({ length: 40 }, () => attempt('bithu', 'wrong-password', '198.51.100.7')));
		expect(tally(results)).toEqual({ failed: 4, throttled: 36 });
		expect(auditCount('authn_login_fail')).toBe(4);
		expect(auditCount('authn_login_throttled')).toBe(36);
		expect(t.db.select().from(loginAttempts).all()).toHaveLength(4);
	});

	it('lets through at most the account-wide twenty of a burst of 40 from 40 addresses', async () => {
		const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('bithu', 'wrong-password', `203.0.113.${i}`)));
		expect(tally(results)).toEqual({ failed: 20, throttled: 20 });
		expect(auditCount('authn_login_fail')).toBe(20);
		// A stranger's fresh address now waits, even with the right password...
		expect(await attempt('bithu', PASSWORD, '203.0.113.200')).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('a stranger hammering the account does not lock the owner out at an address they signed in from', async () => {
		expect((await attempt('bithu', PASSWORD, '10.9.9.9', 1_000)).ok).toBe(true);
		// The stranger's burst: one address (12 concurrent guesses, which used to lock the account for five
		// minutes), then 40 addresses.
		await Promise.all(Array.from({ length: 12 }, () => attempt('bithu', 'wrong-password', '198.51.100.7')));
		await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('bithu', 'wrong-password', `203.0.113.${i}`)));
		expect(await attempt('bithu', PASSWORD, '203.0.113.99')).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt('bithu', PASSWORD, '10.9.9.9')).ok).toBe(true);
		// The owner's own typos still count against the owner's address.
		for (let i = 0; i < 4; i++) await attempt('bithu', 'typo-password', '10.9.9.9');
		expect(await attempt('bithu', PASSWORD, '10.9.9.9')).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('caps failures per address across accounts', async () => {
		for (let i = 0; i < 30; i++) await attempt(`user${i}`, 'wrong-password', '192.0.2.7');
		expect(await attempt('bithu', PASSWORD, '192.0.2.7')).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt('bithu', PASSWORD, '192.0.2.8')).ok).toBe(true);
	});

	it('audits failures and successes without the password', async () => {
		await attempt('bithu', 'canary-password-XYZ');
		await attempt('bithu', PASSWORD);
		const rows = t.db.select().from(auditLog).all();
		expect(rows.map((r) => r.action)).toEqual(['authn_login_fail', 'authn_login_success']);
		const file = readFileSync(t.path).toString('latin1') + readFileSync(`${t.path}-wal`).toString('latin1');
		expect(file).not.toContain('canary-password-XYZ');
	});
});

describe('hashing budget', () => {
	it('sheds a sign-in when the budget is full, before hashing or counting a guess, and serves again once there is room', async () => {
		const budget = new HashBudget({ concurrency: 1, queue: 0 });
		let open!: () => void;
		const busy = budget.admit()!;
		const held = busy.run(() => new Promise<void>((resolve) => (open = resolve)));
		const before = budget.stats();
		const shed = await attempt('bithu', PASSWORD, '10.0.0.1', 1_000_000, budget);
		expect(shed).toEqual({ ok: false, reason: 'busy', retryAfterMs: expect.any(Number) });
		expect(!shed.ok && shed.reason === 'busy' && shed.retryAfterMs).toBeGreaterThanOrEqual(1000);
		expect(budget.stats()).toEqual({ ...before, shed: before.shed + 1 });
		expect(t.db.select().from(loginAttempts).all()).toHaveLength(0);
		expect(t.db.select().from(sessions).all()).toHaveLength(0);
		expect(auditCount('authn_login_busy')).toBe(1);
		open();
		await held;
		expect((await attempt('bithu', PASSWORD, '10.0.0.1', 1_000_000, budget)).ok).toBe(true);
	});

	it('a throttled sign-in gives its place back', async () => {
		const budget = new HashBudget({ concurrency: 1, queue: 0 });
		for (let i = 0; i < 4; i++) await attempt('bithu', 'wrong-password', '10.0.0.1', 1_000_000, budget);
		for (let i = 0; i < 3; i++)
			expect(await attempt('bithu', PASSWORD, '10.0.0.1', 1_000_000, budget)).toMatchObject({ reason: 'throttled' });
		expect(budget.stats()).toMatchObject({ running: 0, waiting: 0, shed: 0 });
		expect((await attempt('bithu', PASSWORD, '10.0.0.2', 1_000_000, budget)).ok).toBe(true);
	});
});

describe('sessions', () => {
	it('stores only a hash of the secret; the token validates and a tampered one does not', () => {
		const { token } = createSession(t.db, f.people.member.id, 0);
		const [id, secret] = token.split('.');
		const row = t.db.select().from(sessions).where(eq(sessions.id, id!)).get()!;
		expect(row.secretHash.toString('hex')).not.toContain(Buffer.from(secret!).toString('hex'));
		expect(validateSessionToken(t.db, token, 1000)?.session.personId).toBe(f.people.member.id);
		expect(validateSessionToken(t.db, `${id}.${'a'.repeat(secret!.length)}`, 1000)).toBeNull();
		expect(validateSessionToken(t.db, 'garbage', 1000)).toBeNull();
	});

	it('slides the expiry while in use, ends when idle, and never outlives the absolute lifetime', () => {
		const day = 24 * 60 * 60 * 1000;
		const { token } = createSession(t.db, f.people.member.id, 0);
		const used = validateSessionToken(t.db, token, 20 * day)!;
		expect(used.refreshed).toBe(true);
		expect(used.session.expiresAt).toBe(20 * day + SESSION_IDLE_MS);
		for (let d = 40; d < 90; d += 20) expect(validateSessionToken(t.db, token, d * day)).not.toBeNull();
		expect(validateSessionToken(t.db, token, SESSION_ABSOLUTE_MS)).toBeNull();
		const idle = createSession(t.db, f.people.member.id, 0).token;
		expect(validateSessionToken(t.db, idle, SESSION_IDLE_MS + 1)).toBeNull();
	});

	it('changing the password ends every other session, not the current one', async () => {
		const ctx = contextFor(t.db, f.people.g1aAdmin.id);
		const a = createSession(t.db, f.people.g1aAdmin.id, ctx.now);
		const b = createSession(t.db, f.people.g1aAdmin.id, ctx.now);
		expect(
			await changePassword(ctx, a.session.id, { current: 'wrong', next: 'một mật khẩu mới dài', confirm: 'một mật khẩu mới dài' })
		).toEqual({
			ok: false,
			reason: 'wrong_current'
		});
		expect(await changePassword(ctx, a.session.id, { current: PASSWORD, next: '12345678', confirm: '12345678' })).toEqual({
			ok: false,
			reason: 'common'
		});
		expect(
			await changePassword(ctx, a.session.id, { current: PASSWORD, next: 'một mật khẩu mới dài', confirm: 'một mật khẩu mới dài' })
		).toEqual({ ok: true });
		expect(validateSessionToken(t.db, a.token, ctx.now)).not.toBeNull();
		expect(validateSessionToken(t.db, b.token, ctx.now)).toBeNull();
		expect((await attempt('bithu', 'một mật khẩu mới dài', '10.1.1.1', ctx.now)).ok).toBe(true);
	});

	it('counts the current-password check of a password change like a sign-in, concurrent guesses included', async () => {
		const ctx = { ...contextFor(t.db, f.people.g1aAdmin.id), ipHash: '198.51.100.7' };
		const { session } = createSession(t.db, f.people.g1aAdmin.id, ctx.now);
		const change = (current: string) =>
			changePassword(ctx, session.id, { current, next: 'một mật khẩu mới dài', confirm: 'một mật khẩu mới dài' }, roomy());
		const burst = await Promise.all(Array.from({ length: 12 }, () => change('đoán mò mật khẩu')));
		expect(burst.filter((r) => !r.ok && r.reason === 'wrong_current')).toHaveLength(4);
		expect(burst.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(8);
		expect(auditCount('authn_password_change_fail')).toBe(4);
		// Even the right password waits now, and nothing changed.
		expect(await change(PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt('bithu', PASSWORD, '10.1.1.1', ctx.now)).ok).toBe(true);
		// The same guesses count against signing in from that address.
		expect(await attempt('bithu', PASSWORD, '198.51.100.7', ctx.now)).toMatchObject({ ok: false, reason: 'throttled' });
	});
});

describe('admin-created accounts and one-time links', () => {
	it('a unit admin creates a member in scope and gets a link; the link works once', async () => {
		const ctx = contextFor(t.db, f.people.g1aAdmin.id);
		const created = createPerson(ctx, {
			fullName: 'Vàng A Dế',
			displayName: '',
			birthYear: 2001,
			phone: '0987654321',
			email: null,
			unitId: f.units.B1a2.id,
			role: 'member'
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const person = t.db.select().from(people).where(eq(people.id, created.personId)).get()!;
		expect(person.displayName).toBe('Vàng A. D.');
		expect(person.passwordHash).toBeNull();
		expect(peekPasswordToken(t.db, created.token, ctx.now)?.personId).toBe(created.personId);
		const hash = await hashPassword(roomy().admit()!, 'núi rừng Tây Bắc');
		expect(consumePasswordToken(ctx, created.token, hash)).toBe(created.personId);
		expect(consumePasswordToken(ctx, created.token, hash)).toBeNull();
		expect((await attempt('0987654321', 'núi rừng Tây Bắc', '10.2.2.2', ctx.now)).ok).toBe(true);
	});

	it('a new link replaces the old one, and links expire', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const first = t.db.transaction(() => issuePasswordToken(ctx, f.people.member.id, null));
		const second = t.db.transaction(() => issuePasswordToken(ctx, f.people.member.id, null));
		expect(peekPasswordToken(t.db, first, ctx.now)).toBeNull();
		expect(peekPasswordToken(t.db, second, ctx.now)).not.toBeNull();
		expect(peekPasswordToken(t.db, second, ctx.now + 73 * 60 * 60 * 1000)).toBeNull();
	});

	it('refuses to create an account outside the admin’s scope, or a role above their own', () => {
		const ctx = contextFor(t.db, f.people.g1aAdmin.id);
		const base = { fullName: 'Người ngoài', displayName: '', birthYear: null, phone: '0911111111', email: null, role: 'member' as const };
		const before = rowCounts(t.db);
		expect(() => createPerson(ctx, { ...base, unitId: f.units.B1b1.id })).toThrow();
		expect(() => createPerson(ctx, { ...base, unitId: f.units.B1a1.id, role: 'unit_admin' })).toThrow();
		// Nobody, no membership, no role, no link: only the two denials are on record.
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 2 });
		expect(t.db.select({ action: auditLog.action }).from(auditLog).all().slice(-2)).toEqual([
			{ action: 'authz_fail' },
			{ action: 'authz_fail' }
		]);
	});

	it('refuses a phone number that another account already uses', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const before = rowCounts(t.db);
		const result = createPerson(ctx, {
			fullName: 'Trùng số',
			displayName: '',
			birthYear: null,
			phone: '0912345678',
			email: null,
			unitId: f.units.B1a1.id,
			role: 'member'
		});
		expect(result).toMatchObject({ ok: false, error: 'validation.duplicateContact' });
		expect(rowCounts(t.db)).toEqual(before);
	});
});
