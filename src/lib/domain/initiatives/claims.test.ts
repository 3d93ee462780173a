import { describe, expect, it } from 'vitest';
import { claimNote, claimRefusal, decisionRefusal, readOwnWork, remindedOfOwnClaim, CLAIM_NOTE_MAX } from './claims';

const open = { status: 'draft' as const, participant: false, claim: null, mayTakePart: true };

describe('claiming a part in a work', () => {
	it('is open to someone the work may credit while it is being prepared, returned work included', () => {
		expect(claimRefusal(open)).toBeNull();
		expect(claimRefusal({ ...open, status: 'returned' })).toBeNull();
	});

	it('closes once the work is sent or decided: the verifier decides what was sent', () => {
		for (const status of ['submitted', 'approved', 'rejected', 'revoked'] as const)
			expect(claimRefusal({ ...open, status })).toBe('closed');
	});

	it('is refused to a participant, to a second claim, after a decline, and to someone outside the work’s team and district', () => {
		expect(claimRefusal({ ...open, participant: true })).toBe('participant');
		expect(claimRefusal({ ...open, claim: 'confirmed' })).toBe('participant');
		expect(claimRefusal({ ...open, claim: 'pending' })).toBe('pending');
		expect(claimRefusal({ ...open, claim: 'declined' })).toBe('declined');
		expect(claimRefusal({ ...open, mayTakePart: false })).toBe('outOfScope');
	});
});

describe('deciding a claim', () => {
	const pending = { status: 'draft' as const, claim: 'pending' as const, claimantId: 7, deciderId: 3 };

	it('is done once, while the work is being prepared, by someone other than the claimant', () => {
		expect(decisionRefusal(pending)).toBeNull();
		expect(decisionRefusal({ ...pending, status: 'submitted' })).toBe('closed');
		expect(decisionRefusal({ ...pending, claim: 'confirmed' })).toBe('decided');
		expect(decisionRefusal({ ...pending, claim: 'declined' })).toBe('decided');
		expect(decisionRefusal({ ...pending, deciderId: 7 })).toBe('ownClaim');
	});
});

describe('a claim’s note', () => {
	it('keeps her words and line breaks, without control characters or surrounding space', () => {
		expect(claimNote('  Tôi hướng dẫn\r\n12 người\u0000 cài VNeID  ')).toBe('Tôi hướng dẫn\n12 người cài VNeID');
	});

	it('is refused past its length', () => {
		expect(claimNote('a'.repeat(CLAIM_NOTE_MAX))).toHaveLength(CLAIM_NOTE_MAX);
		expect(claimNote('a'.repeat(CLAIM_NOTE_MAX + 1))).toBeNull();
	});
});

describe('a member’s account of work of her own', () => {
	const today = '2026-11-25';
	const good = { title: '  Hướng dẫn   bà con  ', startedOn: '2026-11-20', note: 'Cài VNeID cho 5 người' };

	it('keeps a title on one line, the day and her words', () => {
		expect(readOwnWork(good, today)).toEqual({
			ok: true,
			value: { title: 'Hướng dẫn bà con', startedOn: '2026-11-20', note: 'Cài VNeID cho 5 người' }
		});
	});

	it('says what is wrong with each field: empty, too long, not a day, a future day, a day over a year ago', () => {
		expect(readOwnWork({ title: '', startedOn: '2026-02-30', note: '' }, today)).toEqual({
			ok: false,
			problems: { title: 'titleRequired', startedOn: 'dayInvalid', note: 'noteRequired' }
		});
		expect(readOwnWork({ ...good, title: 'a'.repeat(201), startedOn: '2026-11-26' }, today)).toEqual({
			ok: false,
			problems: { title: 'titleTooLong', startedOn: 'dayFuture' }
		});
		expect(readOwnWork({ ...good, startedOn: '2025-11-20', note: 'a'.repeat(301) }, today)).toEqual({
			ok: false,
			problems: { startedOn: 'dayTooOld', note: 'noteTooLong' }
		});
	});
});

describe('who is reminded of a member’s account of her own work', () => {
	const branch = '/1/4/9/30/';
	it('her branch’s and her commune’s secretaries, not the district or the province', () => {
		expect(remindedOfOwnClaim(['/1/4/9/30/'], branch)).toBe(true);
		expect(remindedOfOwnClaim(['/1/4/9/'], branch)).toBe(true);
		expect(remindedOfOwnClaim(['/1/4/'], branch)).toBe(false);
		expect(remindedOfOwnClaim(['/1/'], branch)).toBe(false);
		expect(remindedOfOwnClaim(['/1/4/9/31/', '/1/4/'], branch)).toBe(false);
	});
});
