import { describe, expect, it } from 'vitest';
import { badgeNotice, decisionNotice } from './notices';

describe('decisionNotice', () => {
	it('tells the author of a decision taken by someone else', () => {
		expect(decisionNotice('returned', 7, 3)).toEqual({ personId: 7, kind: 'returned' });
		expect(decisionNotice('approved', 7, 3)).toEqual({ personId: 7, kind: 'approved' });
		expect(decisionNotice('rejected', 7, 3)).toEqual({ personId: 7, kind: 'rejected' });
		expect(decisionNotice('revoked', 7, 3)).toEqual({ personId: 7, kind: 'revoked' });
	});
	it('tells nobody of their own step, of a submission, or of work without a known author', () => {
		expect(decisionNotice('returned', 7, 7)).toBeNull();
		expect(decisionNotice('submitted', 7, 3)).toBeNull();
		expect(decisionNotice('approved', null, 3)).toBeNull();
	});
});

describe('badgeNotice', () => {
	it('tells a member of a badge earned, not of one revoked nor a unit of its own', () => {
		expect(badgeNotice('member', 9, 'awarded')).toEqual({ personId: 9, kind: 'badge' });
		expect(badgeNotice('member', 9, 'revoked')).toBeNull();
		expect(badgeNotice('unit', 9, 'awarded')).toBeNull();
	});
});
