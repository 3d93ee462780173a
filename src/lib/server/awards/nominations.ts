import { and, asc, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { awardDecisions, nominations, periodStandings, periods, units } from '../db/schema';
import { recordAudit } from '../audit';
import { awardFormsOf, officeMayDecide, type NominationResult } from './forms';
import { awardCouncil, councilReviewsOf } from './council';
import { subjectNames } from '../scoring/boards';
import { getUnit } from '../units/queries';
import { campaignOwner } from '../campaigns/configure';
import { recordStep } from './steps';
import { evidenceWorks } from './evidence';
import { isWithin } from '../../domain/units/tree';
import { boardKey } from '../../domain/scoring/boards';
import { canFileReport } from '../../domain/permissions';
import { givenAt, quotaFor, withinQuota, type AwardSubject } from '../../domain/awards/forms';
import { isRealDay } from '../../domain/figures/cutoff';
import { isoDay } from '../../format';
import { normaliseLine } from '../../text';
import { t, type MessageKey } from '../../i18n';

const CITATION_MAX = 2000;
/** Proposals that hold a place in the quota: selected, then endorsed by the council, then awarded. */
const COUNTED: ('selected' | 'endorsed' | 'awarded')[] = ['selected', 'endorsed', 'awarded'];
const counted = (status: string) => (COUNTED as string[]).includes(status);

const refuse = (problem: 'forbidden' | 'notFound' | 'invalid' | 'conflict', key: MessageKey, params?: Record<string, string | number>) =>
	({ ok: false, problem, error: t(key, params) }) as const;

/** Members are individuals; units of any level and teams are collectives (households come with contributors, not yet). */
export const subjectKind = (subjectType: string): AwardSubject => (subjectType === 'member' ? 'individual' : 'collective');

/** The boards' public names of the subjects of some proposals, by `type|id`. */
function subjectNamesOf(db: ServiceContext['db'], subjects: ReadonlyArray<{ subjectType: string; subjectId: number }>) {
	const names = new Map<string, string>();
	for (const type of new Set(subjects.map((s) => s.subjectType)))
		for (const [id, n] of subjectNames(
			db,
			type,
			subjects.filter((s) => s.subjectType === type).map((s) => s.subjectId)
		))
			names.set(`${type}|${id}`, n.name);
	return names;
}

type UnitRow = NonNullable<ReturnType<typeof getUnit>>;
const EVIDENCE_MAX = 10;

/** Where a proposal goes next: the unit's parent while it stays inside the owner's tree, else the owner itself. */
function levelAbove(db: ServiceContext['db'], unit: UnitRow, owner: UnitRow): number {
	if (unit.id === owner.id || unit.parentId === null) return owner.id;
	const parent = getUnit(db, unit.parentId);
	return parent && isWithin(parent.path, owner.path) ? parent.id : owner.id;
}

/**
 * The subject's approved works of the period in the campaign, newest first (at most ten): the evidence a
 * proposal carries, linked from its dossier.
 */
function evidenceOf(
	db: ServiceContext['db'],
	input: { campaignId: number; subjectType: string; subjectId: number; period: { startsOn: string; endsOn: string } }
): number[] {
	const of =
		input.subjectType === 'member'
			? 'i.id in (select initiative_id from initiative_participants where person_id = @subject)'
			: input.subjectType === 'team'
				? 'i.team_id = @subject'
				: "u.path like (select path from units where id = @subject) || '%'";
	return db.$client
		.prepare(
			`select i.id from initiatives i join activity_types t on t.id = i.activity_type_id join units u on u.id = i.unit_id
			where t.campaign_id = @campaign and i.status = 'approved' and i.ended_on between @from and @to and ${of}
			order by i.ended_on desc, i.id desc limit ${EVIDENCE_MAX}`
		)
		.pluck()
		.all({ campaign: input.campaignId, subject: input.subjectId, from: input.period.startsOn, to: input.period.endsOn }) as number[];
}

/**
 * A unit proposes a subject for an award form at a closed period's review. The subject must stand on one of the
 * unit's frozen boards for that period (which keeps each unit to its own scope), the form must be given at that
 * review to that kind of subject, a citation says why, and a form given once a year must not have been selected
 * for the subject already that year.
 */
export function nominate(
	ctx: ServiceContext,
	input: {
		campaignId: number;
		periodId: number;
		unitId: number;
		formCode: string;
		subjectType: string;
		subjectId: number;
		citation: string;
	}
): NominationResult {
	const unit = getUnit(ctx.db, input.unitId);
	const period = ctx.db.select().from(periods).where(eq(periods.id, input.periodId)).get();
	if (!unit || !period || period.campaignId !== input.campaignId) return refuse('notFound', 'nomination.notFound');
	if (!canFileReport(ctx.actor, unit.path, input.campaignId)) return refuse('forbidden', 'nomination.forbidden');
	if (period.status !== 'closed') return refuse('conflict', 'nomination.periodOpen');
	const form = awardFormsOf(ctx.db, input.campaignId).find((f) => f.code === input.formCode);
	if (!form || !givenAt(form, period)) return refuse('invalid', 'nomination.formNotGiven');
	if (!form.subjects.includes(subjectKind(input.subjectType))) return refuse('invalid', 'nomination.wrongSubject');
	const key = boardKey({
		campaignId: input.campaignId,
		subjectType: input.subjectType,
		scopeUnitId: unit.id,
		periodCode: period.code,
		area: null
	});
	const standing = ctx.db
		.select({ rank: periodStandings.rank })
		.from(periodStandings)
		.where(and(eq(periodStandings.periodId, period.id), eq(periodStandings.boardKey, key), eq(periodStandings.subjectId, input.subjectId)))
		.get();
	if (!standing) return refuse('invalid', 'nomination.notOnBoard');
	const citation = input.citation.replace(/\r\n?/g, '\n').trim();
	if (citation === '') return refuse('invalid', 'nomination.citationRequired');
	if (citation.length > CITATION_MAX) return refuse('invalid', 'nomination.citationTooLong');
	const existing = ctx.db
		.select({ id: nominations.id, periodId: nominations.periodId, status: nominations.status })
		.from(nominations)
		.where(
			and(
				eq(nominations.campaignId, input.campaignId),
				eq(nominations.formCode, form.code),
				eq(nominations.subjectType, input.subjectType),
				eq(nominations.subjectId, input.subjectId)
			)
		)
		.all();
	if (existing.some((n) => n.periodId === period.id)) return refuse('conflict', 'nomination.already');
	if (form.oncePerYear) {
		const year = period.endsOn.slice(0, 4);
		const selectedThatYear = existing.some(
			(n) =>
				counted(n.status) &&
				ctx.db.select({ endsOn: periods.endsOn }).from(periods).where(eq(periods.id, n.periodId)).get()!.endsOn.slice(0, 4) === year
		);
		if (selectedThatYear) return refuse('conflict', 'nomination.awardedThisYear', { year });
	}
	const owner = campaignOwner(ctx.db, input.campaignId)!;
	return ctx.db.transaction(() => {
		const row = ctx.db
			.insert(nominations)
			.values({
				campaignId: input.campaignId,
				periodId: period.id,
				formCode: form.code,
				subjectType: input.subjectType,
				subjectId: input.subjectId,
				unitId: unit.id,
				atUnitId: levelAbove(ctx.db, unit, owner),
				evidence: evidenceOf(ctx.db, { ...input, period }),
				citation,
				createdBy: ctx.actor!.personId,
				createdAt: ctx.now
			})
			.returning({ id: nominations.id })
			.get();
		recordStep(ctx.db, row.id, 'proposed', unit.id, ctx.now);
		recordAudit(ctx.db, ctx, {
			action: 'award.nominate',
			targetType: 'nomination',
			targetId: row.id,
			unitId: unit.id,
			after: { form: form.code, subjectType: input.subjectType, subjectId: input.subjectId }
		});
		return { ok: true as const, id: row.id };
	});
}

/**
 * The unit a proposal waits at weighs it: below the owner, its admins forward it a level up — refused, with the
 * limit and the count, when that would send up more than the form's quota from their tree — or decline it with
 * a reason; at the owner, the standing office selects it within the quota or declines it.
 */
export function decideNomination(
	ctx: ServiceContext,
	id: number,
	decision: 'select' | 'forward' | 'decline',
	reason = ''
): NominationResult {
	const row = ctx.db.select().from(nominations).where(eq(nominations.id, id)).get();
	if (!row) return refuse('notFound', 'nomination.notFound');
	const owner = campaignOwner(ctx.db, row.campaignId)!;
	const at = getUnit(ctx.db, row.atUnitId ?? owner.id)!;
	const atOwner = at.id === owner.id;
	if (atOwner ? !officeMayDecide(ctx, row.campaignId) : !canFileReport(ctx.actor, at.path, row.campaignId))
		return refuse('forbidden', atOwner ? 'nomination.forbiddenDecide' : 'nomination.forbiddenLevel', { unit: at.name });
	if (row.status !== 'proposed') return refuse('conflict', 'nomination.decided');
	if (decision !== 'decline' && (decision === 'select') !== atOwner)
		return refuse('conflict', atOwner ? 'nomination.atOwner' : 'nomination.forbiddenLevel', { unit: at.name });
	const text = reason.replace(/\r\n?/g, '\n').trim();
	if (decision === 'decline' && text === '') return refuse('invalid', 'nomination.reasonRequired');
	if (text.length > CITATION_MAX) return refuse('invalid', 'nomination.citationTooLong');
	if (decision !== 'decline') {
		const period = ctx.db.select().from(periods).where(eq(periods.id, row.periodId)).get()!;
		const form = awardFormsOf(ctx.db, row.campaignId).find((f) => f.code === row.formCode);
		// Selected at the owner; or, from this unit's tree, already sent above it and not declined there.
		const holding =
			decision === 'select'
				? ctx.db
						.select({ subjectType: nominations.subjectType })
						.from(nominations)
						.where(
							and(
								eq(nominations.campaignId, row.campaignId),
								eq(nominations.periodId, row.periodId),
								eq(nominations.formCode, row.formCode),
								inArray(nominations.status, COUNTED)
							)
						)
						.all()
				: (ctx.db.$client
						.prepare(
							`select n.subject_type as subjectType from nominations n
							join units nu on nu.id = n.unit_id join units au on au.id = n.at_unit_id
							where n.campaign_id = @campaign and n.period_id = @period and n.form_code = @form and n.status <> 'declined'
							and nu.path like @at || '%' and au.path not like @at || '%'`
						)
						.all({ campaign: row.campaignId, period: row.periodId, form: row.formCode, at: at.path }) as { subjectType: string }[]);
		const counts: Partial<Record<AwardSubject, number>> = {};
		for (const s of [...holding, row]) counts[subjectKind(s.subjectType)] = (counts[subjectKind(s.subjectType)] ?? 0) + 1;
		const check = withinQuota(form ? quotaFor(form, period) : null, counts);
		if (!check.ok)
			return refuse('conflict', decision === 'select' ? 'nomination.overQuota' : 'nomination.overQuotaForward', {
				limit: check.limit,
				count: check.count,
				unit: at.name,
				what: t(check.subject === 'total' ? 'nomination.quotaTotal' : `awards.subject.${check.subject}`)
			});
	}
	ctx.db.transaction(() => {
		ctx.db
			.update(nominations)
			.set(
				decision === 'forward'
					? { atUnitId: levelAbove(ctx.db, at, owner) }
					: {
							status: decision === 'select' ? 'selected' : 'declined',
							reason: text || null,
							decidedBy: ctx.actor!.personId,
							decidedAt: ctx.now
						}
			)
			.where(eq(nominations.id, id))
			.run();
		recordStep(
			ctx.db,
			id,
			decision === 'forward' ? 'forwarded' : decision === 'select' ? 'selected' : 'declined',
			at.id,
			ctx.now,
			text || null
		);
		recordAudit(ctx.db, ctx, {
			action: `award.${decision}`,
			targetType: 'nomination',
			targetId: id,
			unitId: row.unitId,
			after: { reason: text, at: at.id }
		});
	});
	return { ok: true, id };
}

/**
 * The proposals of a period: all of them for the standing office, else those of the units the person files for;
 * each form with its quota and how many are selected. Named with the boards' public names.
 */
export function nominationsOf(ctx: ServiceContext, input: { campaignId: number; periodId: number }) {
	const period = ctx.db.select().from(periods).where(eq(periods.id, input.periodId)).get();
	if (!period || period.campaignId !== input.campaignId || !ctx.actor) return null;
	const office = officeMayDecide(ctx, input.campaignId);
	const rows = ctx.db
		.select({ nomination: nominations, unitName: units.name, unitPath: units.path })
		.from(nominations)
		.innerJoin(units, eq(units.id, nominations.unitId))
		.where(and(eq(nominations.campaignId, input.campaignId), eq(nominations.periodId, period.id)))
		.orderBy(asc(nominations.createdAt), asc(nominations.id))
		.all()
		.filter((r) => office || canFileReport(ctx.actor, r.unitPath, input.campaignId));
	const names = subjectNamesOf(
		ctx.db,
		rows.map((r) => r.nomination)
	);
	const owner = campaignOwner(ctx.db, input.campaignId)!;
	const atUnits = new Map<number, UnitRow>();
	const atUnit = (id: number | null) => {
		const key = id ?? owner.id;
		if (!atUnits.has(key)) atUnits.set(key, getUnit(ctx.db, key)!);
		return atUnits.get(key)!;
	};
	/** What this person may do with a proposal waiting where it is: select (the office), forward (a level below), nothing. */
	const actionOn = (n: typeof nominations.$inferSelect): 'select' | 'forward' | null => {
		if (n.status !== 'proposed') return null;
		const at = atUnit(n.atUnitId);
		if (at.id === owner.id) return office ? 'select' : null;
		return canFileReport(ctx.actor, at.path, input.campaignId) ? 'forward' : null;
	};
	const forms = awardFormsOf(ctx.db, input.campaignId).filter((f) => givenAt(f, period));
	// Works of the period revoked after its close still count in the frozen boards: the proposal is flagged.
	const revokedOfUnit = ctx.db.$client.prepare(
		`select count(distinct i.id) from initiatives i join activity_types t on t.id = i.activity_type_id
		join units u on u.id = i.unit_id join activity_events e on e.initiative_id = i.id and e.type = 'revoked' and e.at > @closedAt
		where t.campaign_id = @campaign and i.ended_on between @from and @to and u.path like (select path from units where id = @subject) || '%'`
	);
	const revokedOfMember = ctx.db.$client.prepare(
		`select count(distinct i.id) from initiative_participants p join initiatives i on i.id = p.initiative_id
		join activity_types t on t.id = i.activity_type_id join activity_events e on e.initiative_id = i.id and e.type = 'revoked' and e.at > @closedAt
		where p.person_id = @subject and t.campaign_id = @campaign and i.ended_on between @from and @to`
	);
	const revokedSinceClose = (subjectType: string, subjectId: number): number => {
		if (subjectType === 'team') return 0;
		const params = {
			closedAt: period.closedAt ?? 0,
			campaign: input.campaignId,
			from: period.startsOn,
			to: period.endsOn,
			subject: subjectId
		};
		return (subjectType === 'member' ? revokedOfMember : revokedOfUnit).pluck().get(params) as number;
	};
	const council = councilReviewsOf(ctx.db, input.campaignId, period.id);
	return {
		office,
		council: awardCouncil(ctx.db, input.campaignId),
		period: { id: period.id, name: period.name, endsOn: period.endsOn },
		forms: forms.map((form) => {
			const own = rows.filter((r) => r.nomination.formCode === form.code);
			const selected = own.filter((r) => counted(r.nomination.status));
			return {
				code: form.code,
				name: form.name,
				quota: quotaFor(form, period),
				selected: {
					collective: selected.filter((r) => subjectKind(r.nomination.subjectType) === 'collective').length,
					individual: selected.filter((r) => subjectKind(r.nomination.subjectType) === 'individual').length
				},
				reviews: council.reviews.filter((r) => r.formCode === form.code),
				rows: own.map((r) => ({
					id: r.nomination.id,
					votes: council.votesByNomination.get(r.nomination.id) ?? [],
					revokedWorks: revokedSinceClose(r.nomination.subjectType, r.nomination.subjectId),
					subjectName: names.get(`${r.nomination.subjectType}|${r.nomination.subjectId}`) ?? '',
					kind: subjectKind(r.nomination.subjectType),
					unitName: r.unitName,
					citation: r.nomination.citation,
					evidence: evidenceWorks(ctx.db, r.nomination.evidence),
					waitingAt: r.nomination.status === 'proposed' ? atUnit(r.nomination.atUnitId).name : null,
					action: actionOn(r.nomination),
					status: r.nomination.status,
					reason: r.nomination.reason
				}))
			};
		})
	};
}

/**
 * The office records the signed decision for a form at a period's review: its number, signing day and signer.
 * Every proposal of the form the council endorsed becomes an award under it; nothing is recorded when none is.
 */
export function recordDecision(
	ctx: ServiceContext,
	input: { campaignId: number; periodId: number; formCode: string; number: string; signedOn: string; signer: string }
): NominationResult {
	if (!officeMayDecide(ctx, input.campaignId)) return refuse('forbidden', 'nomination.forbiddenDecide');
	const number = normaliseLine(input.number);
	const signer = normaliseLine(input.signer);
	const signedOn = input.signedOn.trim();
	if (number === '' || number.length > 60 || /[<>]/.test(number)) return refuse('invalid', 'decision.number');
	if (signer === '' || signer.length > 120 || /[<>]/.test(signer)) return refuse('invalid', 'decision.signer');
	if (!isRealDay(signedOn) || signedOn > isoDay(ctx.now)) return refuse('invalid', 'decision.signedOn');
	const selected = ctx.db
		.select({ id: nominations.id })
		.from(nominations)
		.where(
			and(
				eq(nominations.campaignId, input.campaignId),
				eq(nominations.periodId, input.periodId),
				eq(nominations.formCode, input.formCode),
				eq(nominations.status, 'endorsed')
			)
		)
		.all();
	if (selected.length === 0) return refuse('conflict', 'decision.noneEndorsed');
	return ctx.db.transaction(() => {
		const decision = ctx.db
			.insert(awardDecisions)
			.values({ ...input, number, signer, signedOn, createdBy: ctx.actor!.personId, createdAt: ctx.now })
			.returning({ id: awardDecisions.id })
			.get();
		const ownerId = campaignOwner(ctx.db, input.campaignId)!.id;
		for (const n of selected) {
			ctx.db.update(nominations).set({ status: 'awarded', decisionId: decision.id }).where(eq(nominations.id, n.id)).run();
			recordStep(ctx.db, n.id, 'awarded', ownerId, ctx.now, number);
		}
		recordAudit(ctx.db, ctx, {
			action: 'award.decide',
			targetType: 'award_decision',
			targetId: decision.id,
			after: { form: input.formCode, number, signedOn, signer, awarded: selected.length }
		});
		return { ok: true as const, id: decision.id };
	});
}

/**
 * The awards given, newest decision first, with their citations: a campaign's (what `/khen-thuong` publishes), or
 * one unit's in every campaign (its page's history) — revoked ones left out —, or one award, revoked or not.
 */
export function publishedAwards(ctx: Pick<ServiceContext, 'db'>, of: { campaignId: number } | { unitId: number } | { awardId: number }) {
	const rows = ctx.db
		.select({ nomination: nominations, decision: awardDecisions, periodName: periods.name, unitName: units.name })
		.from(nominations)
		.innerJoin(awardDecisions, eq(awardDecisions.id, nominations.decisionId))
		.innerJoin(periods, eq(periods.id, nominations.periodId))
		.innerJoin(units, eq(units.id, nominations.unitId))
		.where(
			and(
				'awardId' in of
					? eq(nominations.id, of.awardId)
					: and(
							'campaignId' in of
								? eq(nominations.campaignId, of.campaignId)
								: and(eq(nominations.subjectId, of.unitId), notInArray(nominations.subjectType, ['member', 'team'])),
							isNull(nominations.revokedAt)
						),
				eq(nominations.status, 'awarded')
			)
		)
		.orderBy(desc(awardDecisions.signedOn), desc(awardDecisions.id), asc(nominations.id))
		.all();
	const names = subjectNamesOf(
		ctx.db,
		rows.map((r) => r.nomination)
	);
	const formNames = new Map<number, Map<string, string>>();
	const formName = (campaignId: number, code: string) => {
		if (!formNames.has(campaignId)) formNames.set(campaignId, new Map(awardFormsOf(ctx.db, campaignId).map((f) => [f.code, f.name])));
		return formNames.get(campaignId)!.get(code) ?? code;
	};
	return rows.map((r) => ({
		id: r.nomination.id,
		campaignId: r.nomination.campaignId,
		formCode: r.nomination.formCode,
		formName: formName(r.nomination.campaignId, r.nomination.formCode),
		/** A unit's page, for an award to a unit. */
		unitId: r.nomination.subjectType === 'member' || r.nomination.subjectType === 'team' ? null : r.nomination.subjectId,
		periodName: r.periodName,
		subjectName: names.get(`${r.nomination.subjectType}|${r.nomination.subjectId}`) ?? '',
		kind: subjectKind(r.nomination.subjectType),
		proposedBy: r.unitName,
		citation: r.nomination.citation,
		evidence: r.nomination.evidence,
		decision: { number: r.decision.number, signedOn: r.decision.signedOn, signer: r.decision.signer },
		revoked: r.nomination.revokedAt === null ? null : { at: r.nomination.revokedAt, reason: r.nomination.revokedReason ?? '' }
	}));
}
