import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { awardCouncilMembers, councilReviews, councilVotes, nominations, periods } from '../db/schema';
import { recordAudit } from '../audit';
import { officeMayDecide, proposalsAt, type NominationResult } from './forms';
import { recordStep } from './steps';
import { campaignOwner } from '../campaigns/configure';
import { AWARD_COUNCIL_MAXIMUM, AWARD_COUNCIL_MINIMUM, councilPasses, parseCouncil, type CouncilMember } from '../../domain/awards/council';
import { isRealDay } from '../../domain/figures/cutoff';
import { isoDay } from '../../format';
import { t } from '../../i18n';

const MINUTES_MAX = 20_000;

export function awardCouncil(db: Db, campaignId: number): CouncilMember[] {
	return db
		.select({ name: awardCouncilMembers.name, position: awardCouncilMembers.position })
		.from(awardCouncilMembers)
		.where(eq(awardCouncilMembers.campaignId, campaignId))
		.orderBy(asc(awardCouncilMembers.seat))
		.all();
}

export type CouncilResult = { ok: true } | { ok: false; forbidden?: true; error: string };

/** The office names the council's members, one per line; the whole list replaces the old one. */
export function setAwardCouncil(ctx: ServiceContext, campaignId: number, text: string): CouncilResult {
	if (!officeMayDecide(ctx, campaignId)) return { ok: false, forbidden: true, error: t('nomination.forbiddenDecide') };
	const parsed = parseCouncil(text);
	if (!parsed.ok)
		return {
			ok: false,
			error: t(`council.award.${parsed.problem}`, { line: parsed.line ?? 0, min: AWARD_COUNCIL_MINIMUM, max: AWARD_COUNCIL_MAXIMUM })
		};
	const before = awardCouncil(ctx.db, campaignId);
	ctx.db.transaction(() => {
		ctx.db.delete(awardCouncilMembers).where(eq(awardCouncilMembers.campaignId, campaignId)).run();
		ctx.db
			.insert(awardCouncilMembers)
			.values(parsed.members.map((m, seat) => ({ campaignId, seat, ...m })))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'award.council_set',
			targetType: 'campaign',
			targetId: campaignId,
			before: { members: before },
			after: { members: parsed.members }
		});
	});
	return { ok: true };
}

export type Vote = 'agree' | 'disagree';

/**
 * The office keeps the council meeting's record for a form at a period's review: the day, the minutes and every
 * member's vote on every selected proposal. A proposal that more than half of the seats agree with is endorsed
 * (ready for the decision); the others are declined with the count, which their unit reads.
 */
export function recordCouncilReview(
	ctx: ServiceContext,
	input: {
		campaignId: number;
		periodId: number;
		formCode: string;
		heldOn: string;
		minutes: string;
		/** By proposal id, one vote per seat in order; a missing one refuses the whole record. */
		votes: ReadonlyMap<number, ReadonlyArray<Vote | undefined>>;
	}
): NominationResult {
	const refuse = (key: Parameters<typeof t>[0], params?: Record<string, string | number>, problem: 'invalid' | 'conflict' = 'invalid') =>
		({ ok: false, problem, error: t(key, params) }) as const;
	if (!officeMayDecide(ctx, input.campaignId)) return { ok: false, problem: 'forbidden', error: t('nomination.forbiddenDecide') };
	const period = ctx.db.select().from(periods).where(eq(periods.id, input.periodId)).get();
	if (!period || period.campaignId !== input.campaignId) return { ok: false, problem: 'notFound', error: t('nomination.notFound') };
	const council = awardCouncil(ctx.db, input.campaignId);
	if (council.length === 0) return refuse('council.award.none', {}, 'conflict');
	const selected = proposalsAt(ctx.db, input, 'selected');
	if (selected.length === 0) return refuse('council.award.nothingSelected', {}, 'conflict');
	const heldOn = input.heldOn.trim();
	// A meeting votes on proposals already made: not before the newest of them, nor in the future.
	const newest = isoDay(Math.max(...selected.map((n) => n.createdAt)));
	if (!isRealDay(heldOn) || heldOn > isoDay(ctx.now) || heldOn < newest)
		return refuse('council.award.heldOn', { from: newest.split('-').reverse().join('/') });
	const minutes = input.minutes.replace(/\r\n?/g, '\n').trim();
	if (minutes === '') return refuse('council.award.minutesRequired');
	if (minutes.length > MINUTES_MAX) return refuse('council.award.minutesTooLong');
	for (const n of selected) {
		const votes = input.votes.get(n.id) ?? [];
		const missing = council.findIndex((_, seat) => votes[seat] !== 'agree' && votes[seat] !== 'disagree');
		if (missing >= 0) return refuse('council.award.voteMissing', { member: council[missing]!.name });
	}
	const ownerId = campaignOwner(ctx.db, input.campaignId)!.id;
	return ctx.db.transaction(() => {
		const review = ctx.db
			.insert(councilReviews)
			.values({
				campaignId: input.campaignId,
				periodId: period.id,
				formCode: input.formCode,
				heldOn,
				minutes,
				seats: council.length,
				createdBy: ctx.actor!.personId,
				createdAt: ctx.now
			})
			.returning({ id: councilReviews.id })
			.get();
		const outcome: Record<string, { agree: number; passed: boolean }> = {};
		for (const n of selected) {
			const votes = input.votes.get(n.id)!;
			ctx.db
				.insert(councilVotes)
				.values(
					council.map((m, seat) => ({
						reviewId: review.id,
						nominationId: n.id,
						seat,
						memberName: m.name,
						memberPosition: m.position,
						vote: votes[seat]!
					}))
				)
				.run();
			const agree = votes.slice(0, council.length).filter((v) => v === 'agree').length;
			const passed = councilPasses(agree, council.length);
			outcome[n.id] = { agree, passed };
			ctx.db
				.update(nominations)
				.set({
					status: passed ? 'endorsed' : 'declined',
					reviewId: review.id,
					reason: passed ? null : t('council.award.notPassed', { agree, seats: council.length })
				})
				.where(eq(nominations.id, n.id))
				.run();
			recordStep(
				ctx.db,
				n.id,
				passed ? 'endorsed' : 'declined',
				ownerId,
				ctx.now,
				t('council.award.votes', { agree, seats: council.length })
			);
		}
		recordAudit(ctx.db, ctx, {
			action: 'award.council_review',
			targetType: 'council_review',
			targetId: review.id,
			after: { form: input.formCode, period: period.code, heldOn, seats: council.length, outcome }
		});
		return { ok: true as const, id: review.id };
	});
}

/** The council meetings of a period with their minutes, and the votes cast on each proposal, seat by seat. */
export function councilReviewsOf(db: Db, campaignId: number, periodId: number) {
	const reviews = db
		.select({
			id: councilReviews.id,
			formCode: councilReviews.formCode,
			heldOn: councilReviews.heldOn,
			minutes: councilReviews.minutes,
			seats: councilReviews.seats
		})
		.from(councilReviews)
		.where(and(eq(councilReviews.campaignId, campaignId), eq(councilReviews.periodId, periodId)))
		.orderBy(asc(councilReviews.id))
		.all();
	const votesByNomination = new Map<number, { name: string; position: string; vote: Vote }[]>();
	if (reviews.length > 0)
		for (const v of db
			.select()
			.from(councilVotes)
			.where(
				inArray(
					councilVotes.reviewId,
					reviews.map((r) => r.id)
				)
			)
			.orderBy(asc(councilVotes.nominationId), asc(councilVotes.seat))
			.all()) {
			const list = votesByNomination.get(v.nominationId) ?? [];
			list.push({ name: v.memberName, position: v.memberPosition, vote: v.vote });
			votesByNomination.set(v.nominationId, list);
		}
	return { reviews, votesByNomination };
}
