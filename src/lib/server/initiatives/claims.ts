import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { initiativeParticipants, initiatives, memberships, notifications, participationClaims, people, units } from '../db/schema';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { authorizeLogging, loadForAction, mayTakePart, PARTICIPANTS_MAX } from './service';
import { unitsToLogFor } from './form-data';
import { can, type Actor } from '../../domain/permissions';
import {
	claimNote,
	claimRefusal,
	decisionRefusal,
	readOwnWork,
	type ClaimRefusal,
	type ClaimStatus,
	type DecisionRefusal,
	type OwnWorkProblem
} from '../../domain/initiatives/claims';
import { t, type MessageKey } from '../../i18n';
import { isoDay } from '../../format';

type Refusal = { ok: false; error: MessageKey };

const CLAIM_ERRORS: Record<ClaimRefusal, MessageKey> = {
	closed: 'claim.closed',
	participant: 'claim.participant',
	pending: 'claim.pendingAlready',
	declined: 'claim.declinedAlready',
	outOfScope: 'claim.outOfScope'
};
const DECISION_ERRORS: Record<DecisionRefusal, MessageKey> = {
	closed: 'claim.closed',
	decided: 'claim.decided',
	ownClaim: 'claim.ownClaim'
};
export const CLAIM_REASON_MAX = 300;

function claimOf(db: Db, initiativeId: number, personId: number) {
	return db
		.select()
		.from(participationClaims)
		.where(and(eq(participationClaims.initiativeId, initiativeId), eq(participationClaims.personId, personId)))
		.get();
}

function isParticipant(db: Db, initiativeId: number, personId: number): boolean {
	return !!db
		.select({ id: initiativeParticipants.personId })
		.from(initiativeParticipants)
		.where(and(eq(initiativeParticipants.initiativeId, initiativeId), eq(initiativeParticipants.personId, personId)))
		.get();
}

/** Where a person stands on a part in a loaded work: her claim, if any, and why she may not claim now. */
function standing(db: Db, loaded: NonNullable<ReturnType<typeof loadForAction>>, person: number) {
	const claim = claimOf(db, loaded.initiative.id, person);
	const refusal = claimRefusal({
		status: loaded.initiative.status,
		participant: isParticipant(db, loaded.initiative.id, person),
		claim: claim?.status ?? null,
		mayTakePart: mayTakePart(db, loaded.facts, person)
	});
	return { status: claim?.status ?? null, reason: claim?.reason ?? null, refusal };
}

/** What the signed-in person may do about a part in this work: claim it, or read where her claim stands. */
export function myClaim(
	ctx: ServiceContext,
	id: number
): { status: ClaimStatus | null; reason: string | null; refusal: ClaimRefusal | null } | null {
	const person = ctx.actor?.personId;
	const loaded = loadForAction(ctx, id);
	return person && loaded ? standing(ctx.db, loaded, person) : null;
}

/**
 * A member says she took part in a work still being prepared: her claim waits for whoever logs it, who hears of
 * it under the bell. Work she may not read is not found; nothing is written on a refusal.
 */
export function claimPart(ctx: ServiceContext, id: number, rawNote: string): { ok: true; notified: number[] } | Refusal {
	const person = ctx.actor?.personId;
	const loaded = loadForAction(ctx, id);
	if (!person || !loaded || !can(ctx.actor, 'initiative.viewPrivate', { kind: 'initiative', ...loaded.facts }))
		return { ok: false, error: 'initiative.notFound' };
	const note = claimNote(rawNote);
	if (note === null) return { ok: false, error: 'claim.noteTooLong' };
	if (note === '') return { ok: false, error: 'claim.noteRequired' };
	const mine = standing(ctx.db, loaded, person);
	if (mine.refusal) return { ok: false, error: CLAIM_ERRORS[mine.refusal] };
	const authorId = loaded.initiative.authorId;
	return ctx.db.transaction(
		() => {
			const inserted = ctx.db
				.insert(participationClaims)
				.values({ initiativeId: id, personId: person, unitId: loaded.initiative.unitId, note, createdAt: ctx.now })
				.onConflictDoNothing()
				.run();
			// A double tap: the first one made the claim.
			if (inserted.changes === 0) return { ok: true as const, notified: [] };
			recordAudit(ctx.db, ctx, {
				action: 'initiative.claim',
				targetType: 'initiative',
				targetId: id,
				unitId: loaded.initiative.unitId,
				after: { note }
			});
			const told = authorId !== null && authorId !== person;
			if (told) ctx.db.insert(notifications).values({ personId: authorId, kind: 'claim', initiativeId: id, createdAt: ctx.now }).run();
			return { ok: true as const, notified: told ? [authorId] : [] };
		},
		{ behavior: 'immediate' }
	);
}

/** Claims waiting on this work, oldest first, with full names (for those who may edit it: they know their members). */
export function pendingClaims(db: Db, id: number): Array<{ id: number; name: string; note: string; at: number }> {
	return db
		.select({ id: participationClaims.id, name: people.fullName, note: participationClaims.note, at: participationClaims.createdAt })
		.from(participationClaims)
		.innerJoin(people, eq(people.id, participationClaims.personId))
		.where(and(eq(participationClaims.initiativeId, id), eq(participationClaims.status, 'pending')))
		.orderBy(asc(participationClaims.createdAt), asc(participationClaims.id))
		.all();
}

/** How many claims wait on each of these works (for "Cần bạn xử lý"). */
export function pendingClaimCounts(db: Db, initiativeIds: number[]): Map<number, number> {
	if (initiativeIds.length === 0) return new Map();
	const rows = db
		.select({ id: participationClaims.initiativeId, n: sql<number>`count(*)` })
		.from(participationClaims)
		.innerJoin(initiatives, eq(initiatives.id, participationClaims.initiativeId))
		.where(
			and(
				inArray(participationClaims.initiativeId, initiativeIds),
				eq(participationClaims.status, 'pending'),
				inArray(initiatives.status, ['draft', 'returned'])
			)
		)
		.groupBy(participationClaims.initiativeId)
		.all();
	return new Map(rows.map((r) => [r.id!, r.n]));
}

/**
 * Whoever may edit the work confirms a claim of a part in it (the member becomes one of its participants) or declines
 * it with a reason; a claim of work of her own is declined here (it is confirmed by logging it: `settleOwnClaim`).
 * The member hears either way. Refused (403, audited) for anyone else; the claimant never decides her own.
 */
export function decideClaim(
	ctx: ServiceContext,
	claimId: number,
	decision: 'confirm' | 'decline',
	rawReason: string
): { ok: true; initiativeId: number | null; notified: number[] } | Refusal {
	const claim = ctx.db.select().from(participationClaims).where(eq(participationClaims.id, claimId)).get();
	if (!claim || (claim.initiativeId === null && decision === 'confirm')) return { ok: false, error: 'claim.notFound' };
	let workStatus: Parameters<typeof decisionRefusal>[0]['status'] = 'draft';
	if (claim.initiativeId === null) {
		if (!authorizeLogging(ctx, { unitId: claim.unitId, teamId: null })) return { ok: false, error: 'claim.notFound' };
	} else {
		const loaded = loadForAction(ctx, claim.initiativeId);
		if (!loaded) return { ok: false, error: 'claim.notFound' };
		authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
		workStatus = loaded.initiative.status;
	}
	const refusal = decisionRefusal({ status: workStatus, claim: claim.status, claimantId: claim.personId, deciderId: ctx.actor!.personId });
	if (refusal) return { ok: false, error: DECISION_ERRORS[refusal] };
	const reason = decision === 'decline' ? claimNote(rawReason) : '';
	if (reason === null || reason.length > CLAIM_REASON_MAX) return { ok: false, error: 'claim.reasonTooLong' };
	if (decision === 'decline' && reason === '') return { ok: false, error: 'claim.reasonRequired' };
	if (decision === 'confirm') {
		const participants = ctx.db
			.select({ n: sql<number>`count(*)` })
			.from(initiativeParticipants)
			.where(eq(initiativeParticipants.initiativeId, claim.initiativeId!))
			.get()!.n;
		if (participants >= PARTICIPANTS_MAX) return { ok: false, error: 'initiative.tooManyParticipants' };
	}
	return ctx.db.transaction(
		() => {
			const decided = ctx.db
				.update(participationClaims)
				.set({
					status: decision === 'confirm' ? 'confirmed' : 'declined',
					decidedBy: ctx.actor!.personId,
					decidedAt: ctx.now,
					reason: reason || null
				})
				.where(and(eq(participationClaims.id, claimId), eq(participationClaims.status, 'pending')))
				.run();
			if (decided.changes === 0) return { ok: true as const, initiativeId: claim.initiativeId, notified: [] };
			if (decision === 'confirm')
				ctx.db
					.insert(initiativeParticipants)
					.values({ initiativeId: claim.initiativeId!, personId: claim.personId })
					.onConflictDoNothing()
					.run();
			recordAudit(ctx.db, ctx, {
				action: decision === 'confirm' ? 'initiative.claimConfirm' : 'initiative.claimDecline',
				targetType: claim.initiativeId === null ? 'claim' : 'initiative',
				targetId: claim.initiativeId ?? claim.id,
				unitId: claim.unitId,
				after: { personId: claim.personId, ...(reason ? { reason } : {}) }
			});
			ctx.db
				.insert(notifications)
				.values({
					personId: claim.personId,
					kind: decision === 'confirm' ? 'claimConfirmed' : 'claimDeclined',
					initiativeId: claim.initiativeId,
					subject: claim.title,
					reason: reason || null,
					createdAt: ctx.now
				})
				.run();
			return { ok: true as const, initiativeId: claim.initiativeId, notified: [claim.personId] };
		},
		{ behavior: 'immediate' }
	);
}

const OWN_WORK_ERRORS: Record<OwnWorkProblem, MessageKey> = {
	titleRequired: 'claim.titleRequired',
	titleTooLong: 'claim.titleTooLong',
	dayInvalid: 'validation.invalidDate',
	dayFuture: 'initiative.futureDate',
	dayTooOld: 'claim.dayTooOld',
	noteRequired: 'claim.noteRequired',
	noteTooLong: 'claim.noteTooLong'
};
/** Claims of her own work one member may have waiting at once: enough for a busy month, not a flood. */
export const OWN_CLAIMS_PENDING_MAX = 20;

/** The branch the person belongs to (her oldest open membership), or null. */
function homeUnitOf(db: Db, personId: number): number | null {
	return (
		db
			.select({ unitId: memberships.unitId })
			.from(memberships)
			.innerJoin(units, eq(units.id, memberships.unitId))
			.where(and(eq(memberships.personId, personId), isNull(memberships.leftOn), eq(units.active, true)))
			.orderBy(asc(memberships.id))
			.get()?.unitId ?? null
	);
}

/**
 * A member tells her branch of work of her own (what, when, what she did): it waits for whoever logs work there, who
 * turns it into a work of the unit with her as a participant, or declines it. Field errors in Vietnamese; nothing is
 * written on a refusal.
 */
export function claimOwnWork(
	ctx: ServiceContext,
	raw: { title: string; startedOn: string; note: string }
): { ok: true } | { ok: false; errors: Record<string, string> } {
	const person = ctx.actor?.personId;
	const unitId = person ? homeUnitOf(ctx.db, person) : null;
	if (!person || unitId === null) return { ok: false, errors: { _: t('claim.noUnit') } };
	const read = readOwnWork(raw, isoDay(ctx.now));
	if (!read.ok)
		return { ok: false, errors: Object.fromEntries(Object.entries(read.problems).map(([field, p]) => [field, t(OWN_WORK_ERRORS[p])])) };
	const waiting = ctx.db
		.select({ n: sql<number>`count(*)` })
		.from(participationClaims)
		.where(
			and(eq(participationClaims.personId, person), isNull(participationClaims.initiativeId), eq(participationClaims.status, 'pending'))
		)
		.get()!.n;
	if (waiting >= OWN_CLAIMS_PENDING_MAX) return { ok: false, errors: { _: t('claim.tooMany', { n: OWN_CLAIMS_PENDING_MAX }) } };
	ctx.db.transaction(
		() => {
			const row = ctx.db
				.insert(participationClaims)
				.values({ personId: person, unitId, ...read.value, createdAt: ctx.now })
				.returning({ id: participationClaims.id })
				.get();
			recordAudit(ctx.db, ctx, { action: 'initiative.claimOwn', targetType: 'claim', targetId: row.id, unitId, after: read.value });
		},
		{ behavior: 'immediate' }
	);
	return { ok: true };
}

/** Her accounts of work of her own, newest first, with where each stands. */
export function myOwnClaims(db: Db, personId: number) {
	return db
		.select({
			id: participationClaims.id,
			title: participationClaims.title,
			startedOn: participationClaims.startedOn,
			status: participationClaims.status,
			reason: participationClaims.reason,
			initiativeId: participationClaims.initiativeId
		})
		.from(participationClaims)
		.where(and(eq(participationClaims.personId, personId), isNotNull(participationClaims.title)))
		.orderBy(desc(participationClaims.id))
		.limit(20)
		.all();
}

/** Members' accounts of their own work waiting for this person, who logs work for their branches; oldest first. */
export function ownClaimsToConfirm(ctx: ServiceContext, actor: Actor) {
	const unitIds = unitsToLogFor(ctx.db, actor).map((u) => u.id);
	if (unitIds.length === 0) return [];
	return ctx.db
		.select({
			id: participationClaims.id,
			name: people.fullName,
			unitId: participationClaims.unitId,
			unitName: units.name,
			unitPath: units.path,
			title: participationClaims.title,
			startedOn: participationClaims.startedOn,
			note: participationClaims.note,
			at: participationClaims.createdAt
		})
		.from(participationClaims)
		.innerJoin(people, eq(people.id, participationClaims.personId))
		.innerJoin(units, eq(units.id, participationClaims.unitId))
		.where(
			and(
				isNull(participationClaims.initiativeId),
				eq(participationClaims.status, 'pending'),
				inArray(participationClaims.unitId, unitIds),
				ne(participationClaims.personId, actor.personId)
			)
		)
		.orderBy(asc(participationClaims.createdAt), asc(participationClaims.id))
		.limit(100)
		.all();
}

/**
 * A claim of work of her own, for the new-work form to start from (refused, 403 and audited, to whoever may not log
 * work for her branch); null when there is no such claim waiting.
 */
export function ownClaimForForm(ctx: ServiceContext, claimId: number) {
	const claim = ctx.db.select().from(participationClaims).where(eq(participationClaims.id, claimId)).get();
	if (!claim || claim.initiativeId !== null || claim.status !== 'pending' || claim.title === null) return null;
	if (!authorizeLogging(ctx, { unitId: claim.unitId, teamId: null })) return null;
	if (claim.personId === ctx.actor?.personId) return null;
	const name = ctx.db.select({ name: people.fullName }).from(people).where(eq(people.id, claim.personId)).get()?.name ?? '';
	return {
		id: claim.id,
		personId: claim.personId,
		name,
		unitId: claim.unitId,
		title: claim.title,
		startedOn: claim.startedOn!,
		note: claim.note
	};
}

/**
 * The secretary logged the member's work (`initiativeId`) from her claim: the claim is confirmed, she is one of its
 * participants (kept through later edits), and she hears of it. Returns who to push the notice to.
 */
export function settleOwnClaim(ctx: ServiceContext, claimId: number, initiativeId: number): number[] {
	const claim = ownClaimForForm(ctx, claimId);
	if (!claim) return [];
	return ctx.db.transaction(
		() => {
			ctx.db
				.update(participationClaims)
				.set({ status: 'confirmed', initiativeId, decidedBy: ctx.actor!.personId, decidedAt: ctx.now })
				.where(and(eq(participationClaims.id, claimId), eq(participationClaims.status, 'pending')))
				.run();
			ctx.db.insert(initiativeParticipants).values({ initiativeId, personId: claim.personId }).onConflictDoNothing().run();
			recordAudit(ctx.db, ctx, {
				action: 'initiative.claimConfirm',
				targetType: 'initiative',
				targetId: initiativeId,
				unitId: claim.unitId,
				after: { personId: claim.personId, claimId }
			});
			ctx.db.insert(notifications).values({ personId: claim.personId, kind: 'claimConfirmed', initiativeId, createdAt: ctx.now }).run();
			return [claim.personId];
		},
		{ behavior: 'immediate' }
	);
}
