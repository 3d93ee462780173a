import { describe, expect, it } from 'vitest';
import { givenAt, quotaFor, withinQuota, type AwardForm, awardSubjectOf } from './forms';
import { awardFormSchema } from '../campaigns/format';

// Ta Ma (seed 001): Bằng khen of the provincial chairman, yearly ≤ 5; phase I ≤ 5 + 5; phase II ≤ 3 + 10.
const form: AwardForm = {
	code: 'BK_CT_UBND_TINH',
	name: 'Bằng khen của Chủ tịch UBND tỉnh',
	grantingBody: 'Chủ tịch UBND tỉnh',
	subjects: ['collective', 'individual'],
	periods: [],
	quotas: [
		{ period: 'year', total: 5 },
		{ period: 'PH1', collective: 5, individual: 5 },
		{ period: 'PH2', collective: 3, individual: 10 }
	],
	criteria: [],
	oncePerYear: false
};
const Y2026 = { code: 'Y2026', kind: 'year' as const };
const PH2 = { code: 'PH2', kind: 'phase' as const };

describe('award quotas', () => {
	it('take the period’s own quota, else the yearly one for a year', () => {
		expect(quotaFor(form, Y2026)).toEqual({ period: 'year', total: 5 });
		expect(quotaFor(form, PH2)).toEqual({ period: 'PH2', collective: 3, individual: 10 });
		expect(quotaFor(form, { code: 'HE2026', kind: 'campaign' })).toBeNull();
	});

	it('refuse a selection over any limit, saying which and by how many', () => {
		expect(withinQuota(quotaFor(form, PH2), { collective: 3, individual: 10 })).toEqual({ ok: true });
		expect(withinQuota(quotaFor(form, PH2), { collective: 4, individual: 2 })).toEqual({
			ok: false,
			subject: 'collective',
			limit: 3,
			count: 4
		});
		expect(withinQuota(quotaFor(form, Y2026), { collective: 3, individual: 3 })).toEqual({
			ok: false,
			subject: 'total',
			limit: 5,
			count: 6
		});
		expect(withinQuota(null, { individual: 99 })).toEqual({ ok: true });
	});

	it('are given at the periods the plan names', () => {
		expect(givenAt(form, Y2026)).toBe(true);
		expect(givenAt({ periods: ['PH2'] }, Y2026)).toBe(false);
		expect(givenAt({ periods: ['PH2'] }, PH2)).toBe(true);
		expect(givenAt({ periods: ['year'] }, Y2026)).toBe(true);
	});
});

describe('award forms in a campaign file', () => {
	it('read the first shape (for, at, quota) into today’s', () => {
		const read = awardFormSchema.parse({
			code: 'BK_CT_UBND_TINH',
			name: 'Bằng khen của Chủ tịch UBND tỉnh',
			for: ['collective', 'individual'],
			at: 'PH2',
			quota: { yearly: 5, phaseI: { collectives: 5, individuals: 5 }, phaseII: { collectives: 3, individuals: 10 } }
		});
		expect(read).toEqual({
			code: 'BK_CT_UBND_TINH',
			name: 'Bằng khen của Chủ tịch UBND tỉnh',
			grantingBody: '',
			subjects: ['collective', 'individual'],
			periods: ['PH2'],
			quotas: [
				{ period: 'year', total: 5 },
				{ period: 'PH1', collective: 5, individual: 5 },
				{ period: 'PH2', collective: 3, individual: 10 }
			],
			criteria: [],
			oncePerYear: false
		});
	});

	it('refuse a negative quota, an unknown subject and a field the format does not have', () => {
		const base = { code: 'GK', name: 'Giấy khen' };
		expect(awardFormSchema.safeParse({ ...base, quotas: [{ period: 'year', total: -1 }] }).success).toBe(false);
		expect(awardFormSchema.safeParse({ ...base, subjects: ['family'] }).success).toBe(false);
		expect(awardFormSchema.safeParse({ ...base, prize: '1.000.000 đồng' }).success).toBe(false);
	});
});

describe('award subjects', () => {
	it('count a member as an individual, a household contributor as a household, other contributors by their kind', () => {
		expect(awardSubjectOf('member')).toBe('individual');
		expect(awardSubjectOf('branch')).toBe('collective');
		expect(awardSubjectOf('team')).toBe('collective');
		expect(awardSubjectOf('contributor', { code: 'household', collective: false })).toBe('household');
		expect(awardSubjectOf('contributor', { code: 'outside_collective', collective: true })).toBe('collective');
		expect(awardSubjectOf('contributor', { code: 'outside_individual', collective: false })).toBe('individual');
	});
});
