import { describe, expect, it } from 'vitest';
import {
	formatRecoveryCode,
	groupKey,
	matchTotp,
	needsSecondFactor,
	parseSecondFactorCode,
	secondFactorStanding,
	totpStep
} from './second-factor';

/** RFC 6238 appendix B: the SHA-1 key, and the last six digits of its published 8-digit codes. */
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP', () => {
	it.each([
		[59, '287082'],
		[1111111109, '081804'],
		[1111111111, '050471'],
		[1234567890, '005924'],
		[2000000000, '279037']
	])('accepts the RFC 6238 code at %i s', (seconds, code) => {
		expect(matchTotp(RFC_KEY, code, seconds * 1000, null)).toBe(totpStep(seconds * 1000));
	});

	it('accepts the code of the step before and after (clock drift), not two steps away', () => {
		const at = 1111111109 * 1000; // code 081804 belongs to this step
		expect(matchTotp(RFC_KEY, '081804', at + 30_000, null)).toBe(totpStep(at));
		expect(matchTotp(RFC_KEY, '081804', at - 30_000, null)).toBe(totpStep(at));
		expect(matchTotp(RFC_KEY, '081804', at + 60_000, null)).toBeNull();
	});

	it('never accepts a step at or before the last one used (no replay)', () => {
		const at = 1111111109 * 1000;
		expect(matchTotp(RFC_KEY, '081804', at, totpStep(at))).toBeNull();
		expect(matchTotp(RFC_KEY, '081804', at, totpStep(at) - 1)).toBe(totpStep(at));
	});

	it.each(['', '28708', '2870822', 'abcdef', '287 082'])('refuses the malformed code %j', (code) => {
		expect(matchTotp(RFC_KEY, code, 59_000, null)).toBeNull();
	});
});

describe('what was typed', () => {
	it.each([
		['287082', { kind: 'totp', code: '287082' }],
		[' 287 082 ', { kind: 'totp', code: '287082' }],
		['abcd-efgh-ijkm-npqr', { kind: 'recovery', code: 'abcdefghijkmnpqr' }],
		['ABCD EFGH IJKM NPQR', { kind: 'recovery', code: 'abcdefghijkmnpqr' }],
		['２８７０８２', { kind: 'totp', code: '287082' }]
	])('%j', (raw, parsed) => {
		expect(parseSecondFactorCode(raw)).toEqual(parsed);
	});

	it.each(['', '12345', '1234567', 'abcd-efgh-ijkl-mnop', 'abcd-efgh-ijkm', '0000-1111-2222-3333', '<script>'])('refuses %j', (raw) => {
		expect(parseSecondFactorCode(raw)).toBeNull();
	});

	it('shows codes and keys in groups of four', () => {
		expect(formatRecoveryCode('abcdefghijkmnpqr')).toBe('abcd-efgh-ijkm-npqr');
		expect(groupKey('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
	});
});

describe('who must enrol', () => {
	it.each([
		[['province_admin'], true],
		[['district_admin', 'member'], true],
		[['unit_admin'], false],
		[['member'], false],
		[[], false]
	] as const)('%j → %s', (roles, needed) => {
		expect(needsSecondFactor(roles.map((role) => ({ role })))).toBe(needed);
	});

	const T = 1_700_000_000_000;
	it.each([
		[{ required: false, enrolled: false, dueAt: null }, 'not_required'],
		[{ required: false, enrolled: true, dueAt: null }, 'enrolled'],
		[{ required: true, enrolled: true, dueAt: T - 1 }, 'enrolled'],
		[{ required: true, enrolled: false, dueAt: null }, 'grace'],
		[{ required: true, enrolled: false, dueAt: T + 1 }, 'grace'],
		[{ required: true, enrolled: false, dueAt: T }, 'overdue']
	] as const)('%j → %s', (facts, standing) => {
		expect(secondFactorStanding(facts, T)).toBe(standing);
	});
});
