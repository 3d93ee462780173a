/**
 * Award forms (hình thức khen thưởng) a campaign gives — "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Chủ tịch
 * UBND xã" — to whom, when, and within which quotas, as the seed plans write them: "yearly ≤ 05; phase I ≤ 05
 * collectives + 05 individuals; phase II ≤ 03 + 10". Read from the campaign file's `awardForms`.
 */
export const AWARD_SUBJECTS = ['collective', 'individual', 'household'] as const;
export type AwardSubject = (typeof AWARD_SUBJECTS)[number];

/** Every year period (`year`) or one period by its code ("PH1"). */
export type QuotaPeriod = 'year' | (string & {});

export interface AwardQuota {
	period: QuotaPeriod;
	/** At most this many awards of the form for the period, whatever the subjects. */
	total?: number;
	collective?: number;
	individual?: number;
	household?: number;
}

export interface AwardForm {
	code: string;
	name: string;
	/** Who signs it ("Chủ tịch UBND tỉnh"); empty when the name says it. */
	grantingBody: string;
	subjects: AwardSubject[];
	/** Where it is given: `year` for every yearly review, period codes for phase reviews; empty: any period. */
	periods: QuotaPeriod[];
	quotas: AwardQuota[];
	/** Criteria the plan lists, attested by the nominating unit. */
	criteria: string[];
	/** Not given twice to the same subject in the same year (seed 000's rule for phase awards). */
	oncePerYear: boolean;
}

export interface PeriodRef {
	code: string;
	kind: 'year' | 'phase' | 'campaign';
}

const matches = (period: QuotaPeriod, ref: PeriodRef) => period === ref.code || (period === 'year' && ref.kind === 'year');

/** Whether the form is given at the review of this period. */
export function givenAt(form: Pick<AwardForm, 'periods'>, period: PeriodRef): boolean {
	return form.periods.length === 0 || form.periods.some((p) => matches(p, period));
}

/** The quota of the form for the period: the one naming its code, else the yearly one for a year; null: no limit set. */
export function quotaFor(form: Pick<AwardForm, 'quotas'>, period: PeriodRef): AwardQuota | null {
	return form.quotas.find((q) => q.period === period.code) ?? form.quotas.find((q) => matches(q.period, period)) ?? null;
}

export type QuotaCheck = { ok: true } | { ok: false; limit: number; count: number; subject: AwardSubject | 'total' };

/**
 * Whether a selection stays within the quota: each subject's count against its own limit, and all of them
 * against the total. The first limit passed is reported with the count, for a message that says both.
 */
export function withinQuota(quota: AwardQuota | null, counts: Partial<Record<AwardSubject, number>>): QuotaCheck {
	if (!quota) return { ok: true };
	for (const subject of AWARD_SUBJECTS) {
		const limit = quota[subject];
		const count = counts[subject] ?? 0;
		if (limit !== undefined && count > limit) return { ok: false, limit, count, subject };
	}
	const total = AWARD_SUBJECTS.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
	if (quota.total !== undefined && total > quota.total) return { ok: false, limit: quota.total, count: total, subject: 'total' };
	return { ok: true };
}

/**
 * What an award form's quotas count a subject as: a member is an individual; a contributor a household when its
 * kind's code is `household`, else as its kind says; units and teams are collectives.
 */
export function awardSubjectOf(subjectType: string, contributorKind?: { code: string; collective: boolean }): AwardSubject {
	if (subjectType === 'member') return 'individual';
	if (contributorKind) return contributorKind.code === 'household' ? 'household' : contributorKind.collective ? 'collective' : 'individual';
	return 'collective';
}
