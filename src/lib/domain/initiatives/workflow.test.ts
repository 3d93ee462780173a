import { describe, expect, it } from 'vitest';
import { checkStep, isEditable, isPublic, MOVES, STATUSES, TRANSITIONS, type InitiativeStatus, type Transition } from './workflow';

/** Every (status, transition) pair: the expected next status, or null when the step does not exist. */
const TABLE: Record<InitiativeStatus, Record<Transition, InitiativeStatus | null>> = {
	draft: { submit: 'submitted', withdraw: null, approve: null, return: null, reject: null, revoke: null },
	submitted: { submit: null, withdraw: 'returned', approve: 'approved', return: 'returned', reject: 'rejected', revoke: null },
	returned: { submit: 'submitted', withdraw: null, approve: null, return: null, reject: null, revoke: null },
	approved: { submit: null, withdraw: null, approve: null, return: null, reject: null, revoke: 'revoked' },
	rejected: { submit: null, withdraw: null, approve: null, return: null, reject: null, revoke: null },
	revoked: { submit: null, withdraw: null, approve: null, return: null, reject: null, revoke: null }
};

describe('initiative workflow: every status × transition', () => {
	for (const status of STATUSES) {
		for (const transition of TRANSITIONS) {
			const expected = TABLE[status][transition];
			it(`${status} --${transition}--> ${expected ?? 'refused'}`, () => {
				const result = checkStep(status, transition, 'Lý do đủ rõ');
				if (expected === null) expect(result).toEqual({ ok: false, reason: 'wrong_state' });
				else expect(result).toEqual({ ok: true, to: expected, event: MOVES[transition].event });
			});
		}
	}
});

describe('reasons', () => {
	it.each(['return', 'reject', 'revoke'] as const)('%s needs a reason the author can read', (transition) => {
		const from = MOVES[transition].from[0]!;
		expect(checkStep(from, transition, null)).toEqual({ ok: false, reason: 'reason_required' });
		expect(checkStep(from, transition, '   ')).toEqual({ ok: false, reason: 'reason_required' });
		expect(checkStep(from, transition, 'x'.repeat(1001))).toEqual({ ok: false, reason: 'reason_too_long' });
	});
	it('submit and approve do not', () => {
		expect(checkStep('draft', 'submit', null).ok).toBe(true);
		expect(checkStep('submitted', 'approve', null).ok).toBe(true);
	});
});

describe('editing and visibility', () => {
	it.each([
		['draft', true, false],
		['submitted', false, false],
		['returned', true, false],
		['approved', false, true],
		['rejected', false, false],
		['revoked', false, false]
	] as const)('%s: editable %s, public %s', (status, editable, pub) => {
		expect(isEditable(status)).toBe(editable);
		expect(isPublic(status)).toBe(pub);
	});
});
