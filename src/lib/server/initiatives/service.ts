import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
	activityEvents,
	activityTypes,
	checkIns,
	initiativeMeasures,
	initiativeParticipants,
	initiatives,
	participationClaims,
	photos
} from '../db/schema';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { getUnit } from '../units/queries';
import { campaignOfType, campaignsOfUnit } from '../campaigns/participation';
import { campaignChoices } from '../campaigns/queries';
import { getTeam, isMemberWithin, activeMemberIds } from '../teams/queries';
import { writeAwards, writeReversals, type LedgerEntry } from '../scoring/ledger';
import { evaluateBadges, type BadgeChange } from '../scoring/badges';
import { recordStepNotices } from '../notifications/notices';
import { getInitiative, initiativeFacts, livePhotos, measureSpecs, type InitiativeRow } from './queries';
import { brokenCrossRule, checkMeasure, type MeasureSpec } from '../../domain/initiatives/measures';
import { checkStep, isEditable, type Transition } from '../../domain/initiatives/workflow';
import { teamMemberScope } from '../../domain/teams';
import type { Action, InitiativeFacts } from '../../domain/permissions';
import { isWithin, isStrictlyWithin } from '../../domain/units/tree';
import type { InitiativeText } from '../../schemas/initiative';
import { t, type MessageKey } from '../../i18n';
import { formatNumber, isoDay } from '../../format';
import { toSearchText } from '../../text';
import {
	checkContributors,
	contributorIdsOf,
	writeContributors,
	type ContributorPick,
	type ContributorPlan
} from '../contributors/service';

export const PARTICIPANTS_MAX = 200;

export interface InitiativeInput extends Omit<InitiativeText, 'endedOn'> {
	/** A one-day initiative ends the day it started. */
	endedOn: string;
	/** Raw typed values by measure id. */
	measures: Record<number, string>;
	participantIds: number[];
	/** Households and other contributors; null when the form had no such section: the recorded ones are kept. */
	contributors?: ContributorPick | null;
}

/** Field name → Vietnamese message, ready for the form. */
export type FieldErrors = Record<string, string>;

export type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** Everything about the input that needs the database: the catalogue, the team, the people. */
function validate(
	ctx: ServiceContext,
	input: InitiativeInput,
	facts: InitiativeFacts,
	keepCampaign: number | null = null
): { errors: FieldErrors; values: Map<number, number>; contributors: ContributorPlan | null } {
	const errors: FieldErrors = {};
	const values = new Map<number, number>();
	let contributors: ContributorPlan | null = null;
	// An active activity of a campaign the unit takes part in: the work is then that campaign's, priced by its
	// rules, on its boards, verified under its policy. Once logged, it stays in its campaign.
	const type = ctx.db.select().from(activityTypes).where(eq(activityTypes.id, input.activityTypeId)).get();
	const joined = campaignsOfUnit(ctx.db, input.unitId);
	if (!type || !type.active) {
		errors.activityTypeId = t('initiative.unknownActivity');
	} else if (keepCampaign !== null && type.campaignId !== keepCampaign) {
		errors.activityTypeId = t('initiative.campaignFixed', {
			campaign: campaignChoices(ctx.db).find((c) => c.id === keepCampaign)?.name ?? ''
		});
	} else if (!joined.some((c) => c.id === type.campaignId)) {
		errors.activityTypeId = t('initiative.campaignNotJoined');
	} else {
		for (const spec of measureSpecs(ctx.db, type.id)) {
			const check = checkMeasure(input.measures[spec.id], spec);
			if (!check.ok)
				errors[`measure_${spec.id}`] = t(`measure.${check.problem}`, {
					label: spec.label,
					min: formatNumber(spec.min),
					max: formatNumber(spec.max)
				});
			else if (check.value !== null) values.set(spec.id, check.value);
		}
		if (Object.keys(errors).length === 0)
			Object.assign(errors, crossRuleErrors(type.measureRules, measureSpecs(ctx.db, type.id), values, 'measure_'));
		// Contributors belong to the campaign whose activity this is, and to the initiative's unit or below it.
		if (input.contributors) {
			const checked = checkContributors(ctx.db, input.contributors, type.campaignId, facts.unit.path);
			if (checked.ok) contributors = checked.plan;
			else errors.contributors = checked.error;
		}
	}
	if (input.teamId !== null) {
		const team = getTeam(ctx.db, input.teamId);
		if (!team || team.unitId !== input.unitId) errors.teamId = t('initiative.teamUnit');
	}
	if (input.startedOn > isoDay(ctx.now)) errors.startedOn = t('initiative.futureDate');
	if (input.participantIds.length > PARTICIPANTS_MAX) errors.participantIds = t('initiative.tooManyParticipants');
	const outsider = input.participantIds.find((id) => !mayTakePart(ctx.db, facts, id));
	if (outsider !== undefined) errors.participantIds = t('initiative.participantOutOfScope');
	return { errors, values, contributors };
}

/** Who may be credited as a work's participant: a member of its team, or of its district. */
export function mayTakePart(db: Db, facts: Pick<InitiativeFacts, 'teamMemberIds' | 'unit'>, personId: number): boolean {
	return facts.teamMemberIds.includes(personId) || isMemberWithin(db, personId, teamMemberScope(facts.unit.path));
}

/**
 * The activity type's rules between measures ("applied ideas ≤ ideas"), on the values by measure id: an
 * error on the left-hand field, or none. Checked on save, on submit and on a verifier's adjusted numbers.
 */
function crossRuleErrors(
	rules: (typeof activityTypes.$inferSelect)['measureRules'],
	specs: MeasureSpec[],
	values: ReadonlyMap<number, number>,
	prefix: string
): FieldErrors {
	const byCode = new Map<string, number>();
	for (const spec of specs) {
		const value = values.get(spec.id);
		if (value !== undefined) byCode.set(spec.code, value);
	}
	const broken = brokenCrossRule(byCode, rules);
	if (!broken) return {};
	const left = specs.find((s) => s.code === broken.left)!;
	const right = specs.find((s) => s.code === broken.right)!;
	return {
		[`${prefix}${left.id}`]: t('measure.crossRule', {
			left: left.label,
			right: right.label,
			op: t(`measure.op.${broken.rule}`),
			leftValue: formatNumber(byCode.get(broken.left)!),
			rightValue: formatNumber(byCode.get(broken.right)!)
		})
	};
}

function writeDetails(
	ctx: ServiceContext,
	id: number,
	unitId: number,
	values: Map<number, number>,
	participantIds: number[],
	contributors: ContributorPlan | null
): void {
	ctx.db.delete(initiativeMeasures).where(eq(initiativeMeasures.initiativeId, id)).run();
	for (const [measureId, value] of values) ctx.db.insert(initiativeMeasures).values({ initiativeId: id, measureId, value }).run();
	ctx.db.delete(initiativeParticipants).where(eq(initiativeParticipants.initiativeId, id)).run();
	// Someone who checked in at the event (QR), or whose claim was confirmed, was there, whatever an older copy of
	// the form says.
	const checkedIn = ctx.db.select({ id: checkIns.personId }).from(checkIns).where(eq(checkIns.initiativeId, id)).all();
	const claimed = ctx.db
		.select({ id: participationClaims.personId })
		.from(participationClaims)
		.where(and(eq(participationClaims.initiativeId, id), eq(participationClaims.status, 'confirmed')))
		.all();
	for (const personId of new Set([...participantIds, ...checkedIn.map((c) => c.id), ...claimed.map((c) => c.id)]))
		ctx.db.insert(initiativeParticipants).values({ initiativeId: id, personId }).run();
	if (contributors) writeContributors(ctx.db, id, unitId, contributors, ctx.actor?.personId ?? null, ctx.now);
}

/**
 * Refuses (403, audited) unless the actor may log work for this unit and team; false when the unit does not
 * exist. Routes call it before decoding photos, so nobody makes the server decode for work they cannot log.
 */
export function authorizeLogging(ctx: ServiceContext, input: Pick<InitiativeInput, 'unitId' | 'teamId'>): InitiativeFacts | null {
	const facts = initiativeFacts(ctx.db, input.unitId, input.teamId, ctx.actor?.personId ?? null);
	if (facts) authorize(ctx, 'initiative.create', { kind: 'initiative', ...facts });
	return facts;
}

/** Refuses (403, audited) unless the actor may edit this initiative; null when it does not exist. */
export function authorizeEditing(ctx: ServiceContext, id: number): { initiative: InitiativeRow; facts: InitiativeFacts } | null {
	const loaded = loadForAction(ctx, id);
	if (loaded) authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	return loaded;
}

export function createInitiative(ctx: ServiceContext, input: InitiativeInput): SaveResult {
	const facts = authorizeLogging(ctx, input);
	if (!facts) return { ok: false, errors: { unitId: t('unitError.notFound') } };
	const { errors, values, contributors } = validate(ctx, input, facts);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return ctx.db.transaction((tx) => {
		const row = tx
			.insert(initiatives)
			.values({
				unitId: input.unitId,
				teamId: input.teamId,
				activityTypeId: input.activityTypeId,
				title: input.title,
				story: input.story,
				startedOn: input.startedOn,
				endedOn: input.endedOn,
				place: input.place,
				photosShowChildren: input.photosShowChildren,
				authorId: ctx.actor!.personId,
				createdAt: ctx.now,
				updatedAt: ctx.now,
				searchTitle: toSearchText(input.title)
			})
			.returning({ id: initiatives.id })
			.get();
		writeDetails(ctx, row.id, input.unitId, values, input.participantIds, contributors);
		recordAudit(ctx.db, ctx, {
			action: 'initiative.create',
			targetType: 'initiative',
			targetId: row.id,
			unitId: input.unitId,
			after: { title: input.title }
		});
		return { ok: true as const, id: row.id };
	});
}

/** The initiative and its permission facts, or null when it does not exist. */
export function loadForAction(ctx: ServiceContext, id: number): { initiative: InitiativeRow; facts: InitiativeFacts } | null {
	const initiative = getInitiative(ctx.db, id);
	if (!initiative) return null;
	const facts = initiativeFacts(
		ctx.db,
		initiative.unitId,
		initiative.teamId,
		initiative.authorId,
		initiative.id,
		initiative.activityTypeId
	)!;
	return { initiative, facts };
}

export function updateInitiative(ctx: ServiceContext, id: number, input: InitiativeInput): SaveResult {
	const loaded = authorizeEditing(ctx, id);
	if (!loaded) return { ok: false, errors: { _: t('initiative.notFound') } };
	if (!isEditable(loaded.initiative.status)) return { ok: false, errors: { _: t('initiative.notEditable') } };
	// The unit is fixed once logged; the team may change within it.
	const fixed = { ...input, unitId: loaded.initiative.unitId };
	const facts = initiativeFacts(ctx.db, fixed.unitId, fixed.teamId, loaded.initiative.authorId, null, fixed.activityTypeId)!;
	const { errors, values, contributors } = validate(
		ctx,
		fixed,
		facts,
		campaignOfType(ctx.db, loaded.initiative.activityTypeId)?.id ?? null
	);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return ctx.db.transaction((tx) => {
		const changed = tx
			.update(initiatives)
			.set({
				teamId: fixed.teamId,
				activityTypeId: fixed.activityTypeId,
				title: fixed.title,
				story: fixed.story,
				startedOn: fixed.startedOn,
				endedOn: fixed.endedOn,
				place: fixed.place,
				photosShowChildren: fixed.photosShowChildren,
				updatedAt: ctx.now,
				searchTitle: toSearchText(fixed.title)
			})
			.where(and(eq(initiatives.id, id), eq(initiatives.revision, loaded.initiative.revision)))
			.run();
		if (changed.changes !== 1) return { ok: false as const, errors: { _: t('initiative.changed') } };
		writeDetails(ctx, id, fixed.unitId, values, fixed.participantIds, contributors);
		recordAudit(ctx.db, ctx, {
			action: 'initiative.update',
			targetType: 'initiative',
			targetId: id,
			unitId: fixed.unitId,
			before: { title: loaded.initiative.title },
			after: { title: fixed.title }
		});
		return { ok: true as const, id };
	});
}

const PERMISSION: Record<Transition, Action> = {
	submit: 'initiative.submit',
	withdraw: 'initiative.submit',
	approve: 'initiative.verify',
	return: 'initiative.verify',
	reject: 'initiative.verify',
	revoke: 'initiative.revoke'
};

export interface StepInput {
	reason: string | null;
	/** The revision the person saw when they clicked: a repeated click is recognised, a stale one refused. */
	seenRevision: number;
	/** On approval, values the verifier corrects (raw text by measure id). */
	adjustments?: Record<number, string>;
}

/** Why a step was not taken: nothing to act on, someone acted first (or it is in the wrong state), bad input. */
export type StepProblem = 'notFound' | 'conflict' | 'invalid';

export type StepResult =
	| {
			ok: true;
			status: InitiativeRow['status'];
			repeated: boolean;
			eventId: number | null;
			ledger: LedgerEntry[];
			badges: BadgeChange[];
			/** People told of it under their bell (pushed to after the commit). */
			notified: number[];
	  }
	| { ok: false; problem: StepProblem; error: MessageKey; errors?: FieldErrors };

/** The unit a verifier acts for: the deepest of their units above the initiative. */
function actingUnitId(ctx: ServiceContext, facts: InitiativeFacts, transition: Transition): number | null {
	if (transition === 'submit' || transition === 'withdraw') return facts.unit.id;
	const above = (ctx.actor?.grants ?? [])
		.filter(
			(g) =>
				g.role !== 'member' &&
				g.role !== 'council_member' &&
				(transition === 'revoke' ? isWithin(facts.unit.path, g.unitPath) : isStrictlyWithin(facts.unit.path, g.unitPath))
		)
		.sort((a, b) => b.unitPath.length - a.unitPath.length);
	// The root's own work: its council acts for the root itself.
	const council = (ctx.actor?.grants ?? []).find((g) => g.role === 'council_member' && g.unitPath === facts.unit.path);
	return above[0]?.unitId ?? council?.unitId ?? null;
}

const measureRulesOf = (db: Db) =>
	db
		.select({ rules: activityTypes.measureRules })
		.from(activityTypes)
		.where(eq(activityTypes.id, sql.placeholder('typeId')))
		.prepare();
const eventByKey = (db: Db) =>
	db
		.select({ id: activityEvents.id })
		.from(activityEvents)
		.where(eq(activityEvents.idempotencyKey, sql.placeholder('key')))
		.prepare();
const moveStatus = (db: Db) =>
	db
		.update(initiatives)
		.set({ status: sql`${sql.placeholder('to')}`, revision: sql`${initiatives.revision} + 1`, updatedAt: sql`${sql.placeholder('now')}` })
		.where(
			and(
				eq(initiatives.id, sql.placeholder('id')),
				eq(initiatives.revision, sql.placeholder('revision')),
				eq(initiatives.status, sql.placeholder('from'))
			)
		)
		.prepare();
const measuresOf = (db: Db) =>
	db
		.select()
		.from(initiativeMeasures)
		.where(eq(initiativeMeasures.initiativeId, sql.placeholder('id')))
		.prepare();
const participantsOf = (db: Db) =>
	db
		.select({ id: initiativeParticipants.personId })
		.from(initiativeParticipants)
		.where(eq(initiativeParticipants.initiativeId, sql.placeholder('id')))
		.prepare();
const insertEvent = (db: Db) =>
	db
		.insert(activityEvents)
		.values({
			initiativeId: sql.placeholder('initiativeId'),
			type: sql.placeholder('type'),
			snapshot: sql.placeholder('snapshot'),
			reason: sql.placeholder('reason'),
			actorId: sql.placeholder('actorId'),
			actorUnitId: sql.placeholder('actorUnitId'),
			at: sql.placeholder('at'),
			idempotencyKey: sql.placeholder('idempotencyKey')
		})
		.returning({ id: activityEvents.id })
		.prepare();

/**
 * One workflow step in one synchronous transaction: the status change, exactly one activity event (the
 * scoring input, with a snapshot of the initiative at that moment) and one audit row. A repeated request
 * with the same idempotency key returns the first outcome and writes nothing.
 */
export function takeStep(ctx: ServiceContext, id: number, transition: Transition, input: StepInput): StepResult {
	const loaded = loadForAction(ctx, id);
	if (!loaded) return { ok: false, problem: 'notFound', error: 'initiative.notFound' };
	authorize(ctx, PERMISSION[transition], { kind: 'initiative', ...loaded.facts });
	const key = `initiative:${id}:r${input.seenRevision}:${transition}`;
	const earlier = prepared(ctx.db, eventByKey).get({ key });
	if (earlier)
		return { ok: true, status: loaded.initiative.status, repeated: true, eventId: earlier.id, ledger: [], badges: [], notified: [] };
	if (input.seenRevision !== loaded.initiative.revision) return { ok: false, problem: 'conflict', error: 'initiative.changed' };
	const step = checkStep(loaded.initiative.status, transition, input.reason);
	if (!step.ok) return { ok: false, problem: step.reason === 'wrong_state' ? 'conflict' : 'invalid', error: `initiative.${step.reason}` };

	const specs = measureSpecs(ctx.db, loaded.initiative.activityTypeId);
	const adjusted = new Map<number, number>();
	if (transition === 'approve' && input.adjustments) {
		const errors: FieldErrors = {};
		for (const spec of specs) {
			const raw = input.adjustments[spec.id];
			if (raw === undefined || raw.trim() === '') continue;
			const check = checkMeasure(raw, spec);
			if (!check.ok)
				errors[`adjust_${spec.id}`] = t(`measure.${check.problem}`, {
					label: spec.label,
					min: formatNumber(spec.min),
					max: formatNumber(spec.max)
				});
			else if (check.value !== null) adjusted.set(spec.id, check.value);
		}
		if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid', error: 'review.adjustInvalid', errors };
	}
	if (transition === 'submit' || transition === 'approve') {
		// Work saved before the type had its rules (or numbers a verifier adjusted) must still satisfy them.
		const rules = prepared(ctx.db, measureRulesOf).get({ typeId: loaded.initiative.activityTypeId });
		const values = new Map<number, number>();
		for (const m of prepared(ctx.db, measuresOf).all({ id }))
			values.set(m.measureId, adjusted.get(m.measureId) ?? m.approvedValue ?? m.value);
		const errors = crossRuleErrors(rules?.rules ?? [], specs, values, transition === 'approve' ? 'adjust_' : 'measure_');
		if (Object.keys(errors).length > 0)
			return { ok: false, problem: 'invalid', error: transition === 'approve' ? 'review.adjustInvalid' : 'initiative.crossRule', errors };
	}

	const actorUnitId = actingUnitId(ctx, loaded.facts, transition);
	// A withdrawal reads, in the history and on the verifier's card, as work its sender took back.
	const reasonGiven = transition === 'withdraw' ? t('initiative.withdrawnNote') : input.reason?.trim() || null;
	return ctx.db.transaction(
		(tx) => {
			const moved = prepared(ctx.db, moveStatus).run({
				to: step.to,
				now: ctx.now,
				id,
				revision: input.seenRevision,
				from: loaded.initiative.status
			});
			if (moved.changes !== 1) return { ok: false as const, problem: 'conflict' as const, error: 'initiative.changed' as const };
			for (const [measureId, value] of adjusted) {
				tx.update(initiativeMeasures)
					.set({ approvedValue: value })
					.where(and(eq(initiativeMeasures.initiativeId, id), eq(initiativeMeasures.measureId, measureId)))
					.run();
			}
			const measures = prepared(ctx.db, measuresOf).all({ id });
			const unit = getUnit(ctx.db, loaded.initiative.unitId)!;
			const snapshot = {
				unitId: unit.id,
				unitPath: unit.path,
				teamId: loaded.initiative.teamId,
				teamMemberIds: loaded.initiative.teamId === null ? [] : activeMemberIds(ctx.db, loaded.initiative.teamId),
				activityTypeId: loaded.initiative.activityTypeId,
				title: loaded.initiative.title,
				startedOn: loaded.initiative.startedOn,
				endedOn: loaded.initiative.endedOn,
				authorId: loaded.initiative.authorId,
				measures: measures.map((m) => ({
					measureId: m.measureId,
					code: specs.find((s) => s.id === m.measureId)?.code ?? null,
					value: m.approvedValue ?? m.value,
					reported: m.value
				})),
				participantIds: prepared(ctx.db, participantsOf)
					.all({ id })
					.map((p) => p.id),
				contributorIds: contributorIdsOf(ctx.db, id),
				photoCount: livePhotos(ctx.db, id).length,
				// Enough to tell a verifier the story changed after a return, without keeping every version's text.
				storyDigest: createHash('sha256').update(loaded.initiative.story).digest('hex').slice(0, 16)
			};
			const event = prepared(ctx.db, insertEvent).get({
				initiativeId: id,
				type: step.event,
				snapshot,
				reason: reasonGiven,
				actorId: ctx.actor!.personId,
				actorUnitId,
				at: ctx.now,
				idempotencyKey: key
			})!;
			// Points are written in the same transaction as the decision: no approval without its points, and no
			// points for an approval that rolled back.
			// Priced by the rules of the campaign the work was logged in (its activity type's), never another's.
			const campaignId = campaignOfType(ctx.db, snapshot.activityTypeId)?.id;
			const ledger =
				step.event === 'approved' && campaignId !== undefined
					? writeAwards(ctx.db, campaignId, { id: event.id, initiativeId: id, snapshot, at: ctx.now })
					: step.event === 'revoked'
						? writeReversals(ctx.db, id, event.id, ctx.now, input.reason?.trim() || null)
						: [];
			const badges = evaluateBadges(
				ctx.db,
				ledger.map((e) => ({ type: e.subjectType, id: e.subjectId })),
				ctx.now,
				[...new Set(ledger.map((e) => e.campaignId))],
				ledger.every((e) => e.points >= 0)
					? {
							days: [...new Set(ledger.map((e) => e.activityDate))],
							measures: snapshot.measures.flatMap((m) => (m.code !== null && m.value > 0 ? [m.code] : []))
						}
					: undefined
			);
			const notified = recordStepNotices(
				ctx.db,
				{
					event: step.event,
					initiativeId: id,
					authorId: loaded.initiative.authorId,
					actorId: ctx.actor!.personId,
					reason: reasonGiven,
					badges
				},
				ctx.now
			);
			recordAudit(ctx.db, ctx, {
				action: `initiative.${transition}`,
				targetType: 'initiative',
				targetId: id,
				unitId: unit.id,
				before: { status: loaded.initiative.status },
				after: { status: step.to, reason: reasonGiven, adjusted: Object.fromEntries(adjusted) }
			});
			return { ok: true as const, status: step.to, repeated: false, eventId: event.id, ledger, badges, notified };
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Puts an approved work in the public "điển hình" (exemplary) collection, or takes it out: for those who may
 * revoke its approval (the levels above it), audited. `notApproved` for any other work; nothing changes then.
 */
export function setFeatured(ctx: ServiceContext, id: number, featured: boolean): { ok: true } | { ok: false; error: MessageKey } {
	const loaded = loadForAction(ctx, id);
	if (!loaded) return { ok: false, error: 'initiative.notFound' };
	authorize(ctx, 'initiative.revoke', { kind: 'initiative', ...loaded.facts });
	if (loaded.initiative.status !== 'approved') return { ok: false, error: 'feature.notApproved' };
	ctx.db.transaction(
		() => {
			ctx.db
				.update(initiatives)
				.set(featured ? { featuredAt: ctx.now, featuredBy: ctx.actor!.personId } : { featuredAt: null, featuredBy: null })
				.where(eq(initiatives.id, id))
				.run();
			recordAudit(ctx.db, ctx, {
				action: featured ? 'initiative.feature' : 'initiative.unfeature',
				targetType: 'initiative',
				targetId: id,
				unitId: loaded.initiative.unitId,
				before: { featured: loaded.initiative.featuredAt !== null },
				after: { featured }
			});
		},
		{ behavior: 'immediate' }
	);
	return { ok: true };
}

/** An admin of the unit records that a guardian agreed to publishing photos of children. */
export function recordGuardianConsent(ctx: ServiceContext, id: number): boolean {
	const loaded = loadForAction(ctx, id);
	if (!loaded) return false;
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts, teamLeaderId: null, authorId: null });
	ctx.db.transaction((tx) => {
		tx.update(initiatives).set({ guardianConsentBy: ctx.actor!.personId, guardianConsentAt: ctx.now }).where(eq(initiatives.id, id)).run();
		recordAudit(ctx.db, ctx, {
			action: 'initiative.guardian_consent',
			targetType: 'initiative',
			targetId: id,
			unitId: loaded.initiative.unitId
		});
	});
	return true;
}

export function countLivePhotos(ctx: ServiceContext, id: number): number {
	return ctx.db
		.select({ n: sql<number>`count(*)` })
		.from(photos)
		.where(and(eq(photos.initiativeId, id), isNull(photos.removedAt)))
		.get()!.n;
}
