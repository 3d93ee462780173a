import { and, asc, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import {
	activityTypes,
	awardDecisions,
	contributors,
	councilReviews,
	initiativeContributors,
	initiativeParticipants,
	initiatives,
	nominations,
	periodStandings,
	periods,
	units
} from '../db/schema';
import { recordAudit } from '../audit';
import { awardFormsOf, officeMayDecide, proposalsAt, type NominationResult } from './forms';
import { awardCouncil, councilReviewsOf } from './council';
import { subjectNames } from '../scoring/boards';
import { getUnit } from '../units/queries';
import { campaignOwner } from '../campaigns/configure';
import { recordStep } from './steps';
import { evidenceWorksOf } from './evidence';
import { dossiersOf } from './dossiers';
import { isWithin } from '../../domain/units/tree';
import { boardKey } from '../../domain/scoring/boards';
import { adminUnitIds, canFileReport } from '../../domain/permissions';
import { awardSubjectOf, givenAt, quotaFor, withinQuota, type AwardForm, type AwardSubject } from '../../domain/awards/forms';
import { CONTRIBUTOR_SUBJECT } from '../../domain/contributors';
import { campaignContributorKinds } from '../contributors/service';
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

/** The award subject a board subject counts as (a contributor by its kind in the campaign). */
function subjectKindOf(db: ServiceContext['db'], campaignId: number, subjectType: string, subjectId: number): AwardSubject {
	if (subjectType !== CONTRIBUTOR_SUBJECT) return awardSubjectOf(subjectType);
	const code = db.select({ kind: contributors.kind }).from(contributors).where(eq(contributors.id, subjectId)).get()?.kind;
	return awardSubjectOf(
		subjectType,
		campaignContributorKinds(db, campaignId).find((k) => k.code === code) ?? { code: '', collective: false }
	);
}

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

type Period = typeof periods.$inferSelect;
interface Proposal {
	campaignId: number;
	unit: UnitRow;
	period: Period;
	form: AwardForm;
	subjectType: string;
	subjectId: number;
	kind: AwardSubject;
	citation: string;
	adHoc: boolean;
	evidence: number[];
}

/**
 * What every proposal must meet, then its record: a citation; not proposed twice for the same form and period
 * (on the same path); and, for a form given once a year, not selected for the subject already that year.
 */
function propose(ctx: ServiceContext, p: Omit<Proposal, 'citation'> & { citation: string }): NominationResult {
	const citation = p.citation.replace(/\r\n?/g, '\n').trim();
	if (citation === '') return refuse('invalid', 'nomination.citationRequired');
	if (citation.length > CITATION_MAX) return refuse('invalid', 'nomination.citationTooLong');
	const existing = ctx.db
		.select({ id: nominations.id, periodId: nominations.periodId, status: nominations.status, adHoc: nominations.adHoc })
		.from(nominations)
		.where(
			and(
				eq(nominations.campaignId, p.campaignId),
				eq(nominations.formCode, p.form.code),
				eq(nominations.subjectType, p.subjectType),
				eq(nominations.subjectId, p.subjectId)
			)
		)
		.all();
	if (existing.some((n) => n.periodId === p.period.id && n.adHoc === p.adHoc)) return refuse('conflict', 'nomination.already');
	if (p.form.oncePerYear) {
		const year = p.period.endsOn.slice(0, 4);
		const selectedThatYear = existing.some(
			(n) =>
				counted(n.status) &&
				ctx.db.select({ endsOn: periods.endsOn }).from(periods).where(eq(periods.id, n.periodId)).get()!.endsOn.slice(0, 4) === year
		);
		if (selectedThatYear) return refuse('conflict', 'nomination.awardedThisYear', { year });
	}
	const owner = campaignOwner(ctx.db, p.campaignId)!;
	return ctx.db.transaction(() => {
		const row = ctx.db
			.insert(nominations)
			.values({
				campaignId: p.campaignId,
				periodId: p.period.id,
				formCode: p.form.code,
				subjectType: p.subjectType,
				subjectId: p.subjectId,
				subjectKind: p.kind,
				adHoc: p.adHoc,
				unitId: p.unit.id,
				atUnitId: levelAbove(ctx.db, p.unit, owner),
				evidence: p.evidence,
				citation,
				createdBy: ctx.actor!.personId,
				createdAt: ctx.now
			})
			.returning({ id: nominations.id })
			.get();
		recordStep(ctx.db, row.id, 'proposed', p.unit.id, ctx.now, p.adHoc ? t('nomination.adHoc') : null);
		recordAudit(ctx.db, ctx, {
			action: 'award.nominate',
			targetType: 'nomination',
			targetId: row.id,
			unitId: p.unit.id,
			after: { form: p.form.code, subjectType: p.subjectType, subjectId: p.subjectId, adHoc: p.adHoc }
		});
		return { ok: true as const, id: row.id };
	});
}

/**
 * A unit proposes a subject for an award form at a closed period's review. The subject must stand on one of the
 * unit's frozen boards for that period (which keeps each unit to its own scope), the form must be given at that
 * review to that kind of subject, and a citation says why.
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
	const kind = subjectKindOf(ctx.db, input.campaignId, input.subjectType, input.subjectId);
	if (!form.subjects.includes(kind)) return refuse('invalid', 'nomination.wrongSubject');
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
	return propose(ctx, {
		...input,
		unit,
		period,
		form,
		kind,
		adHoc: false,
		evidence: evidenceOf(ctx.db, { ...input, period })
	});
}

/** Who an approved work credits, as award subjects: its unit, its team, its participants, its contributors. */
export function creditedBy(db: ServiceContext['db'], initiativeId: number) {
	const work = db.select().from(initiatives).where(eq(initiatives.id, initiativeId)).get();
	if (!work) return [];
	const unit = getUnit(db, work.unitId)!;
	const subjects: { subjectType: string; subjectId: number }[] = [{ subjectType: unit.level, subjectId: unit.id }];
	if (work.teamId) subjects.push({ subjectType: 'team', subjectId: work.teamId });
	for (const p of db
		.select({ id: initiativeParticipants.personId })
		.from(initiativeParticipants)
		.where(eq(initiativeParticipants.initiativeId, initiativeId))
		.all())
		subjects.push({ subjectType: 'member', subjectId: p.id });
	for (const c of db
		.select({ id: initiativeContributors.contributorId })
		.from(initiativeContributors)
		.where(eq(initiativeContributors.initiativeId, initiativeId))
		.all())
		subjects.push({ subjectType: CONTRIBUTOR_SUBJECT, subjectId: c.id });
	const names = subjectNamesOf(db, subjects);
	return subjects.map((s) => ({ ...s, name: names.get(`${s.subjectType}|${s.subjectId}`) ?? '' }));
}

/** The deepest unit the person administers that holds the work's unit: the unit an ad hoc proposal comes from. */
function proposingUnitFor(ctx: ServiceContext, campaignId: number, workUnitPath: string): UnitRow | null {
	const candidates = adminUnitIds(ctx.actor)
		.map((id) => getUnit(ctx.db, id))
		.filter((u): u is UnitRow => !!u && isWithin(workUnitPath, u.path) && canFileReport(ctx.actor, u.path, campaignId));
	return candidates.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}

type AdHocFrame = { work: typeof initiatives.$inferSelect; campaignId: number; period: Period; unit: UnitRow };

/**
 * Where an ad hoc proposal from this work stands: the approved work, its campaign, the year period its end day
 * falls in, and the unit the person proposes from; or why there is none.
 */
function adHocFrame(ctx: ServiceContext, initiativeId: number): AdHocFrame | { refused: 'notApproved' | 'notFound' | 'forbidden' } {
	const work = ctx.db.select().from(initiatives).where(eq(initiatives.id, initiativeId)).get();
	if (!work || work.status !== 'approved') return { refused: 'notApproved' };
	const campaignId = ctx.db
		.select({ campaignId: activityTypes.campaignId })
		.from(activityTypes)
		.where(eq(activityTypes.id, work.activityTypeId))
		.get()?.campaignId;
	const period =
		campaignId &&
		ctx.db
			.select()
			.from(periods)
			.where(and(eq(periods.campaignId, campaignId), eq(periods.kind, 'year')))
			.all()
			.find((p) => p.startsOn <= work.endedOn && work.endedOn <= p.endsOn);
	if (!campaignId || !period) return { refused: 'notFound' };
	const unit = proposingUnitFor(ctx, campaignId, getUnit(ctx.db, work.unitId)!.path);
	return unit ? { work, campaignId, period, unit } : { refused: 'forbidden' };
}

/**
 * Khen đột xuất: an admin of the work's unit or of one above proposes someone an approved work credits for one
 * of the campaign's forms, with the achievement as its citation, whenever it happens. It goes up the same way as
 * any proposal (council and decision included), carries the work as its evidence, and takes no place in the
 * period's quota.
 */
export function nominateAdHoc(
	ctx: ServiceContext,
	input: { initiativeId: number; formCode: string; subjectType: string; subjectId: number; citation: string }
): NominationResult {
	const frame = adHocFrame(ctx, input.initiativeId);
	if ('refused' in frame)
		return frame.refused === 'notApproved'
			? refuse('notFound', 'nomination.adHocWorkNotApproved')
			: frame.refused === 'forbidden'
				? refuse('forbidden', 'nomination.forbidden')
				: refuse('notFound', 'nomination.notFound');
	const form = awardFormsOf(ctx.db, frame.campaignId).find((f) => f.code === input.formCode);
	if (!form) return refuse('invalid', 'nomination.formNotGiven');
	if (!creditedBy(ctx.db, frame.work.id).some((s) => s.subjectType === input.subjectType && s.subjectId === input.subjectId))
		return refuse('invalid', 'nomination.adHocNotCredited');
	const kind = subjectKindOf(ctx.db, frame.campaignId, input.subjectType, input.subjectId);
	if (!form.subjects.includes(kind)) return refuse('invalid', 'nomination.wrongSubject');
	const { campaignId, period, unit, work } = frame;
	return propose(ctx, { ...input, campaignId, period, unit, form, kind, adHoc: true, evidence: [work.id] });
}

/** What the person may propose ad hoc from this work: the forms and the subjects it credits; null: nothing. */
export function adHocChoices(ctx: ServiceContext, initiativeId: number) {
	const frame = ctx.actor ? adHocFrame(ctx, initiativeId) : null;
	if (!frame || 'refused' in frame) return null;
	const forms = awardFormsOf(ctx.db, frame.campaignId);
	if (forms.length === 0) return null;
	return {
		forms: forms.map((f) => ({ code: f.code, name: f.name })),
		subjects: creditedBy(ctx.db, frame.work.id).map((s) => ({
			value: `${s.subjectType}|${s.subjectId}`,
			name: s.name,
			kind: subjectKindOf(ctx.db, frame.campaignId, s.subjectType, s.subjectId)
		}))
	};
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
	// Ad hoc proposals take no place in the period's quota.
	if (decision !== 'decline' && !row.adHoc) {
		const period = ctx.db.select().from(periods).where(eq(periods.id, row.periodId)).get()!;
		const form = awardFormsOf(ctx.db, row.campaignId).find((f) => f.code === row.formCode);
		// Selected at the owner; or, from this unit's tree, already sent above it and not declined there.
		const holding =
			decision === 'select'
				? ctx.db
						.select({ subjectKind: nominations.subjectKind })
						.from(nominations)
						.where(
							and(
								eq(nominations.campaignId, row.campaignId),
								eq(nominations.periodId, row.periodId),
								eq(nominations.formCode, row.formCode),
								eq(nominations.adHoc, false),
								inArray(nominations.status, COUNTED)
							)
						)
						.all()
				: (ctx.db.$client
						.prepare(
							`select n.subject_kind as subjectKind from nominations n
							join units nu on nu.id = n.unit_id join units au on au.id = n.at_unit_id
							where n.campaign_id = @campaign and n.period_id = @period and n.form_code = @form and n.status <> 'declined' and n.ad_hoc = 0
							and nu.path like @at || '%' and au.path not like @at || '%'`
						)
						.all({ campaign: row.campaignId, period: row.periodId, form: row.formCode, at: at.path }) as { subjectKind: AwardSubject }[]);
		const counts: Partial<Record<AwardSubject, number>> = {};
		for (const s of [...holding, row]) counts[s.subjectKind] = (counts[s.subjectKind] ?? 0) + 1;
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
	const evidence = evidenceWorksOf(
		ctx.db,
		rows.flatMap((r) => r.nomination.evidence)
	);
	const dossiers = dossiersOf(
		ctx.db,
		rows.map((r) => r.nomination.id)
	);
	return {
		office,
		council: awardCouncil(ctx.db, input.campaignId),
		period: { id: period.id, name: period.name, endsOn: period.endsOn },
		forms: forms.map((form) => {
			const own = rows.filter((r) => r.nomination.formCode === form.code);
			const selected = own.filter((r) => counted(r.nomination.status) && !r.nomination.adHoc);
			return {
				code: form.code,
				name: form.name,
				quota: quotaFor(form, period),
				selected: {
					collective: selected.filter((r) => r.nomination.subjectKind === 'collective').length,
					individual: selected.filter((r) => r.nomination.subjectKind === 'individual').length,
					household: selected.filter((r) => r.nomination.subjectKind === 'household').length
				},
				reviews: council.reviews.filter((r) => r.formCode === form.code),
				rows: own.map((r) => ({
					id: r.nomination.id,
					votes: council.votesByNomination.get(r.nomination.id) ?? [],
					revokedWorks: revokedSinceClose(r.nomination.subjectType, r.nomination.subjectId),
					subjectName: names.get(`${r.nomination.subjectType}|${r.nomination.subjectId}`) ?? '',
					kind: r.nomination.subjectKind,
					unitName: r.unitName,
					citation: r.nomination.citation,
					evidence: evidence(r.nomination.evidence),
					adHoc: r.nomination.adHoc,
					dossier: dossiers.get(r.nomination.id) ?? null,
					criteria: form.criteria.map((text) => ({ text, attested: r.nomination.attested.includes(text) })),
					mayAttachDossier: r.nomination.status === 'proposed' && canFileReport(ctx.actor, r.unitPath, input.campaignId),
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
	const selected = proposalsAt(ctx.db, input, 'endorsed');
	if (selected.length === 0) return refuse('conflict', 'decision.noneEndorsed');
	const lastMeeting = ctx.db
		.select({ heldOn: councilReviews.heldOn })
		.from(councilReviews)
		.where(
			inArray(
				councilReviews.id,
				selected.map((n) => n.reviewId ?? 0)
			)
		)
		.orderBy(desc(councilReviews.heldOn))
		.get()?.heldOn;
	if (lastMeeting && signedOn < lastMeeting)
		return refuse('invalid', 'decision.beforeCouncil', { day: lastMeeting.split('-').reverse().join('/') });
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
 * The awards given, newest decision first, with their citations: a campaign's (what `/khen-thuong` publishes), one
 * unit's or one member's in every campaign (their pages' history) — revoked ones left out —, or one award.
 */
export function publishedAwards(
	ctx: Pick<ServiceContext, 'db'>,
	of: { campaignId: number } | { unitId: number } | { personId: number } | { awardId: number }
) {
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
								: 'personId' in of
									? and(eq(nominations.subjectId, of.personId), eq(nominations.subjectType, 'member'))
									: and(eq(nominations.subjectId, of.unitId), notInArray(nominations.subjectType, ['member', 'team', CONTRIBUTOR_SUBJECT])),
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
		unitId: ['member', 'team', CONTRIBUTOR_SUBJECT].includes(r.nomination.subjectType) ? null : r.nomination.subjectId,
		periodName: r.periodName,
		subjectName: names.get(`${r.nomination.subjectType}|${r.nomination.subjectId}`) ?? '',
		kind: r.nomination.subjectKind,
		proposedBy: r.unitName,
		citation: r.nomination.citation,
		evidence: r.nomination.evidence,
		decision: { number: r.decision.number, signedOn: r.decision.signedOn, signer: r.decision.signer },
		revoked: r.nomination.revokedAt === null ? null : { at: r.nomination.revokedAt, reason: r.nomination.revokedReason ?? '' }
	}));
}

/** The periods proposals can be read for: the closed ones and any with a proposal (ad hoc ones come mid-year), newest first. */
export function proposalPeriods(db: ServiceContext['db'], campaignId: number) {
	const proposed = new Set(
		db
			.selectDistinct({ periodId: nominations.periodId })
			.from(nominations)
			.where(eq(nominations.campaignId, campaignId))
			.all()
			.map((r) => r.periodId)
	);
	return db
		.select({ id: periods.id, name: periods.name, status: periods.status })
		.from(periods)
		.where(eq(periods.campaignId, campaignId))
		.orderBy(desc(periods.endsOn), desc(periods.startsOn))
		.all()
		.filter((p) => p.status === 'closed' || proposed.has(p.id));
}
