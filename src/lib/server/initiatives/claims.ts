import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { initiativeParticipants, initiatives, notifications, participationClaims, people } from '../db/schema';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { loadForAction, mayTakePart, PARTICIPANTS_MAX } from './service';
import { can } from '../../domain/permissions';
import {
	claimNote,
	claimRefusal,
	decisionRefusal,
	type ClaimRefusal,
	type ClaimStatus,
	type DecisionRefusal
} from '../../domain/initiatives/claims';
import type { MessageKey } from '../../i18n';

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

/** What the signed-in person may do about a part in this work: claim it, or read where her claim stands. */
export function myClaim(
	ctx: ServiceContext,
	id: number
): { status: ClaimStatus | null; reason: string | null; refusal: ClaimRefusal | null } | null {
	const person = ctx.actor?.personId;
	const loaded = loadForAction(ctx, id);
	if (!person || !loaded) return null;
	const claim = claimOf(ctx.db, id, person);
	const refusal = claimRefusal({
		status: loaded.initiative.status,
		participant: isParticipant(ctx.db, id, person),
		claim: claim?.status ?? null,
		mayTakePart: mayTakePart(ctx.db, loaded.facts, person)
	});
	return { status: claim?.status ?? null, reason: claim?.reason ?? null, refusal };
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
	const mine = myClaim(ctx, id)!;
	if (mine.refusal) return { ok: false, error: CLAIM_ERRORS[mine.refusal] };
	const authorId = loaded.initiative.authorId;
	return ctx.db.transaction(
		(tx) => {
			const inserted = tx
				.insert(participationClaims)
				.values({ initiativeId: id, personId: person, note, createdAt: ctx.now })
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
			if (told) tx.insert(notifications).values({ personId: authorId, kind: 'claim', initiativeId: id, createdAt: ctx.now }).run();
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
	return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * Whoever may edit the work confirms a claim (the member becomes one of its participants) or declines it with a
 * reason; the member hears either way. Refused (403, audited) for anyone else; the claimant never decides her own.
 */
export function decideClaim(
	ctx: ServiceContext,
	claimId: number,
	decision: 'confirm' | 'decline',
	rawReason: string
): { ok: true; initiativeId: number; notified: number[] } | Refusal {
	const claim = ctx.db.select().from(participationClaims).where(eq(participationClaims.id, claimId)).get();
	const loaded = claim ? loadForAction(ctx, claim.initiativeId) : null;
	if (!claim || !loaded) return { ok: false, error: 'claim.notFound' };
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	const refusal = decisionRefusal({
		status: loaded.initiative.status,
		claim: claim.status,
		claimantId: claim.personId,
		deciderId: ctx.actor!.personId
	});
	if (refusal) return { ok: false, error: DECISION_ERRORS[refusal] };
	const reason = decision === 'decline' ? claimNote(rawReason) : '';
	if (reason === null || reason.length > CLAIM_REASON_MAX) return { ok: false, error: 'claim.reasonTooLong' };
	if (decision === 'decline' && reason === '') return { ok: false, error: 'claim.reasonRequired' };
	if (decision === 'confirm') {
		const participants = ctx.db
			.select({ n: sql<number>`count(*)` })
			.from(initiativeParticipants)
			.where(eq(initiativeParticipants.initiativeId, claim.initiativeId))
			.get()!.n;
		if (participants >= PARTICIPANTS_MAX) return { ok: false, error: 'initiative.tooManyParticipants' };
	}
	return ctx.db.transaction(
		(tx) => {
			const decided = tx
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
				tx.insert(initiativeParticipants)
					.values({ initiativeId: claim.initiativeId, personId: claim.personId })
					.onConflictDoNothing()
					.run();
			recordAudit(ctx.db, ctx, {
				action: decision === 'confirm' ? 'initiative.claimConfirm' : 'initiative.claimDecline',
				targetType: 'initiative',
				targetId: claim.initiativeId,
				unitId: loaded.initiative.unitId,
				after: { personId: claim.personId, ...(reason ? { reason } : {}) }
			});
			tx.insert(notifications)
				.values({
					personId: claim.personId,
					kind: decision === 'confirm' ? 'claimConfirmed' : 'claimDeclined',
					initiativeId: claim.initiativeId,
					reason: reason || null,
					createdAt: ctx.now
				})
				.run();
			return { ok: true as const, initiativeId: claim.initiativeId, notified: [claim.personId] };
		},
		{ behavior: 'immediate' }
	);
}
