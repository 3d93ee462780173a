import { and, eq, isNull, sql } from 'drizzle-orm';
import { createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32NoPadding } from '@oslojs/encoding';
import { people, recoveryCodes, secondFactors, signInChallenges } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorize, refuse } from './authorize';
import { loadActor } from './actor';
import { invalidateAllSessions } from './sessions';
import { hashSecret } from './tokens';
import { accountKey, forgiveAttempts, reserveAttempt, type AttemptKey } from './throttle-store';
import {
	formatRecoveryCode,
	groupKey,
	matchTotp,
	needsSecondFactor,
	parseSecondFactorCode,
	RECOVERY_ALPHABET,
	RECOVERY_CODE_COUNT,
	RECOVERY_CODE_LENGTH,
	SECOND_FACTOR_GRACE_MS,
	secondFactorStanding,
	TOTP_DIGITS,
	TOTP_PERIOD_MS,
	type SecondFactorInput,
	type SecondFactorStanding
} from '../../domain/auth/second-factor';
import { can, type Actor } from '../../domain/permissions';
import type { MessageKey } from '../../i18n';

const ISSUER = 'Tiên Phong';

const factorOf = (db: Db) =>
	db
		.select()
		.from(secondFactors)
		.where(eq(secondFactors.personId, sql.placeholder('personId')))
		.prepare();

function row(db: Db, personId: number) {
	return prepared(db, factorOf).get({ personId });
}

export function hasSecondFactor(db: Db, personId: number): boolean {
	return !!row(db, personId)?.secret;
}

/**
 * Where the signed-in person stands (see the domain rule). The first time a privileged account is seen
 * without a second factor its grace period starts: one row, written once.
 */
export function secondFactorStandingOf(db: Db, actor: Actor, now: number): { standing: SecondFactorStanding; dueAt: number | null } {
	const required = needsSecondFactor(actor.grants);
	let current = row(db, actor.personId);
	if (required && !current) {
		db.insert(secondFactors)
			.values({ personId: actor.personId, dueAt: now + SECOND_FACTOR_GRACE_MS, updatedAt: now })
			.onConflictDoNothing()
			.run();
		current = row(db, actor.personId);
	}
	const facts = { required, enrolled: !!current?.secret, dueAt: current?.dueAt ?? null };
	return { standing: secondFactorStanding(facts, now), dueAt: facts.dueAt };
}

export interface SecondFactorStatus {
	/** Privileged roles must enrol; others cannot. */
	available: boolean;
	enrolled: boolean;
	confirmedAt: number | null;
	dueAt: number | null;
	recoveryCodesLeft: number;
	/** While enrolling: the key as a manual entry and as the otpauth:// URI for the QR code. */
	pending: { manualKey: string; uri: string } | null;
}

export function secondFactorStatus(ctx: ServiceContext): SecondFactorStatus {
	const actor = ctx.actor!;
	const current = row(ctx.db, actor.personId);
	const left = ctx.db
		.select({ n: sql<number>`count(*)` })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.personId, actor.personId), isNull(recoveryCodes.usedAt)))
		.get()!.n;
	let pending: SecondFactorStatus['pending'] = null;
	if (current?.pendingSecret && !current.secret) {
		const person = ctx.db
			.select({ username: people.username, phone: people.phone, email: people.email })
			.from(people)
			.where(eq(people.id, actor.personId))
			.get();
		const label = person?.username ?? person?.phone ?? person?.email ?? `#${actor.personId}`;
		pending = {
			manualKey: groupKey(encodeBase32NoPadding(current.pendingSecret)),
			uri: createTOTPKeyURI(ISSUER, label, current.pendingSecret, TOTP_PERIOD_MS / 1000, TOTP_DIGITS)
		};
	}
	return {
		available: needsSecondFactor(actor.grants) || !!current?.secret,
		enrolled: !!current?.secret,
		confirmedAt: current?.confirmedAt ?? null,
		dueAt: current?.dueAt ?? null,
		recoveryCodesLeft: left,
		pending
	};
}

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: MessageKey; waitMs?: number };

/** A new key to scan: replaces any key being enrolled, never a confirmed one. */
export function startEnrolment(ctx: ServiceContext): { ok: true } | { ok: false; error: MessageKey } {
	const actor = ctx.actor!;
	if (!needsSecondFactor(actor.grants)) refuse(ctx, 'forbidden', 'secondFactor.notAvailable');
	if (hasSecondFactor(ctx.db, actor.personId)) return { ok: false, error: 'secondFactor.alreadyEnrolled' };
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	const pendingSecret = Buffer.from(key);
	ctx.db.transaction(() => {
		ctx.db
			.insert(secondFactors)
			.values({ personId: actor.personId, pendingSecret, updatedAt: ctx.now })
			.onConflictDoUpdate({ target: secondFactors.personId, set: { pendingSecret, updatedAt: ctx.now } })
			.run();
		recordAudit(ctx.db, ctx, { action: 'authn_mfa_enrol_start', targetType: 'person', targetId: actor.personId });
	});
	return { ok: true };
}

function newRecoveryCodes(db: Db, personId: number, now: number): string[] {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = new Uint8Array(RECOVERY_CODE_LENGTH);
		crypto.getRandomValues(bytes);
		return [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
	});
	db.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
	for (const code of codes)
		db.insert(recoveryCodes)
			.values({ personId, codeHash: hashSecret(code), createdAt: now })
			.run();
	return codes.map(formatRecoveryCode);
}

type Guess = { ok: true; key: AttemptKey } | { ok: false; error: MessageKey; waitMs?: number };

/** Six digits, counted against the second-factor limit before they are checked. */
function reserveTotpGuess(ctx: ServiceContext, raw: string): Guess & { code?: string } {
	const parsed = parseSecondFactorCode(raw);
	if (parsed?.kind !== 'totp') return { ok: false, error: 'secondFactor.codeFormat' };
	const key: AttemptKey = { kind: 'second_factor', account: accountKey(ctx.actor!.personId), address: ctx.ipHash ?? 'unknown' };
	const reservation = reserveAttempt(ctx.db, key, ctx.now);
	if (!reservation.ok) return { ok: false, error: 'secondFactor.throttled', waitMs: reservation.waitMs };
	return { ok: true, key, code: parsed.code };
}

/**
 * The first code from the new key proves the app holds it: the key becomes the person's second factor and
 * ten recovery codes are made, shown once (only their hashes are kept).
 */
export function confirmEnrolment(ctx: ServiceContext, rawCode: string): EnrolResult {
	const personId = ctx.actor!.personId;
	const current = row(ctx.db, personId);
	if (current?.secret) return { ok: false, error: 'secondFactor.alreadyEnrolled' };
	if (!current?.pendingSecret) return { ok: false, error: 'secondFactor.noPending' };
	const guess = reserveTotpGuess(ctx, rawCode);
	if (!guess.ok) return guess;
	const step = matchTotp(current.pendingSecret, guess.code!, ctx.now, null);
	if (step === null) {
		recordAudit(ctx.db, ctx, { action: 'authn_mfa_enrol_fail', targetType: 'person', targetId: personId });
		return { ok: false, error: 'secondFactor.wrongCode' };
	}
	return ctx.db.transaction(() => {
		const claimed = ctx.db
			.update(secondFactors)
			.set({
				secret: current.pendingSecret,
				pendingSecret: null,
				confirmedAt: ctx.now,
				lastUsedStep: step,
				dueAt: null,
				updatedAt: ctx.now
			})
			.where(and(eq(secondFactors.personId, personId), isNull(secondFactors.secret)))
			.run();
		if (claimed.changes !== 1) return { ok: false as const, error: 'secondFactor.alreadyEnrolled' as const };
		const codes = newRecoveryCodes(ctx.db, personId, ctx.now);
		forgiveAttempts(ctx.db, guess.key);
		recordAudit(ctx.db, ctx, { action: 'authn_mfa_enrol', targetType: 'person', targetId: personId });
		return { ok: true as const, recoveryCodes: codes };
	});
}

/** A fresh set of recovery codes (the old ones stop working), for a current code from the app. */
export function regenerateRecoveryCodes(ctx: ServiceContext, rawCode: string): EnrolResult {
	const personId = ctx.actor!.personId;
	const current = row(ctx.db, personId);
	if (!current?.secret) return { ok: false, error: 'secondFactor.notEnrolledSelf' };
	const guess = reserveTotpGuess(ctx, rawCode);
	if (!guess.ok) return guess;
	return ctx.db.transaction(() => {
		if (!claimTotp(ctx.db, personId, guess.code!, ctx.now)) {
			recordAudit(ctx.db, ctx, { action: 'authn_mfa_fail', targetType: 'person', targetId: personId });
			return { ok: false as const, error: 'secondFactor.wrongCode' as const };
		}
		const codes = newRecoveryCodes(ctx.db, personId, ctx.now);
		forgiveAttempts(ctx.db, guess.key);
		recordAudit(ctx.db, ctx, { action: 'authn_mfa_recovery_regenerated', targetType: 'person', targetId: personId });
		return { ok: true as const, recoveryCodes: codes };
	});
}

/** Accepts a code once: the conditional UPDATE is the claim, so two requests with one code cannot both pass. */
function claimTotp(db: Db, personId: number, code: string, now: number): boolean {
	const current = row(db, personId);
	if (!current?.secret) return false;
	const step = matchTotp(current.secret, code, now, current.lastUsedStep);
	if (step === null) return false;
	const claimed = db
		.update(secondFactors)
		.set({ lastUsedStep: step, updatedAt: now })
		.where(and(eq(secondFactors.personId, personId), sql`coalesce(${secondFactors.lastUsedStep}, -1) < ${step}`))
		.run();
	return claimed.changes === 1;
}

/** Uses a recovery code once; returns how many are left, or null if the code is not a live one. */
function claimRecoveryCode(db: Db, personId: number, code: string, now: number): number | null {
	const claimed = db
		.update(recoveryCodes)
		.set({ usedAt: now })
		.where(and(eq(recoveryCodes.personId, personId), eq(recoveryCodes.codeHash, hashSecret(code)), isNull(recoveryCodes.usedAt)))
		.run();
	if (claimed.changes !== 1) return null;
	return db
		.select({ n: sql<number>`count(*)` })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
		.get()!.n;
}

export type FactorCheck = { ok: true; via: 'totp' } | { ok: true; via: 'recovery'; left: number } | { ok: false };

/** Checks and uses up a code or a recovery code. Call inside the caller's transaction. */
export function useSecondFactor(db: Db, personId: number, input: SecondFactorInput, now: number): FactorCheck {
	if (input.kind === 'totp') return claimTotp(db, personId, input.code, now) ? { ok: true, via: 'totp' } : { ok: false };
	const left = claimRecoveryCode(db, personId, input.code, now);
	return left === null ? { ok: false } : { ok: true, via: 'recovery', left };
}

/** What an admin sees on a person's page: whether they have a second factor and whether this admin may reset it. */
export function secondFactorAdminView(ctx: ServiceContext, personId: number): { enrolled: boolean; canReset: boolean } {
	const enrolled = hasSecondFactor(ctx.db, personId);
	const holder = loadActor(ctx.db, personId);
	return {
		enrolled,
		canReset: enrolled && can(ctx.actor, 'mfa.reset', { kind: 'secondFactor', holderId: personId, holds: holdsOf(holder?.actor ?? null) })
	};
}

function holdsOf(actor: Actor | null) {
	return (actor?.grants ?? []).map((g) => ({ role: g.role, unit: { id: g.unitId, path: g.unitPath, active: true } }));
}

/**
 * A higher admin resets a lost second factor (see domain/permissions.ts): the key and recovery codes go, every
 * session and pending sign-in of the person ends, and the person must enrol again at once.
 */
export function resetSecondFactor(ctx: ServiceContext, personId: number): { ok: true } | { ok: false; error: MessageKey } {
	const holder = loadActor(ctx.db, personId);
	if (!holder) refuse(ctx, 'notFound');
	authorize(ctx, 'mfa.reset', { kind: 'secondFactor', holderId: personId, holds: holdsOf(holder.actor) });
	return clearSecondFactor(ctx, personId, holder.actor.grants[0]?.unitId ?? null);
}

/**
 * The same, by the server's operator for someone no admin ranks above (a province admin): no permission
 * check, the audit row has no actor and says so. Only `npm run mfa:reset` calls it.
 */
export function operatorResetSecondFactor(db: Db, personId: number, now: number): { ok: true } | { ok: false; error: MessageKey } {
	return clearSecondFactor({ db, actor: null, now, ipHash: null, requestId: null }, personId, null, { by: 'operator' });
}

function clearSecondFactor(
	ctx: ServiceContext,
	personId: number,
	unitId: number | null,
	after?: Record<string, unknown>
): { ok: true } | { ok: false; error: MessageKey } {
	const current = row(ctx.db, personId);
	if (!current?.secret && !current?.pendingSecret) return { ok: false, error: 'secondFactor.notEnrolled' };
	ctx.db.transaction(() => {
		ctx.db
			.update(secondFactors)
			.set({ secret: null, pendingSecret: null, confirmedAt: null, lastUsedStep: null, dueAt: ctx.now, updatedAt: ctx.now })
			.where(eq(secondFactors.personId, personId))
			.run();
		ctx.db.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
		ctx.db.delete(signInChallenges).where(eq(signInChallenges.personId, personId)).run();
		invalidateAllSessions(ctx.db, personId);
		recordAudit(ctx.db, ctx, { action: 'authn_mfa_reset', targetType: 'person', targetId: personId, unitId, after: after ?? null });
	});
	return { ok: true };
}
