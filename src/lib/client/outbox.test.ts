import { describe, expect, it } from 'vitest';
import { outcomeOf } from './outbox';

const ACTION = '/sang-kien/12/sua?/send';

describe('what became of a save sent from the outbox', () => {
	it('is sent when the action redirects to the saved work or succeeds on its page', () => {
		expect(outcomeOf('/sang-kien/moi?/create', 200, { type: 'redirect', status: 303, location: '/sang-kien/40/sua?da-luu=1' })).toEqual({
			kind: 'sent',
			location: '/sang-kien/40/sua?da-luu=1'
		});
		expect(outcomeOf(ACTION, 200, { type: 'success', status: 200, data: '[]' })).toEqual({ kind: 'sent', location: '/sang-kien/12/sua' });
	});

	it('waits for its author when the session ended or belongs to someone else', () => {
		expect(outcomeOf(ACTION, 200, { type: 'redirect', status: 303, location: '/dang-nhap?next=%2Fsang-kien' })).toEqual({ kind: 'wait' });
		expect(outcomeOf(ACTION, 409, null)).toEqual({ kind: 'wait' });
	});

	it('is refused by a refusal: a field the server does not accept, too large, not allowed', () => {
		for (const [status, body] of [
			[400, { type: 'failure', status: 400, data: '[]' }],
			[413, null],
			[403, { type: 'error', error: { message: 'Không có quyền' } }]
		] as const)
			expect(outcomeOf(ACTION, status, body)).toEqual({ kind: 'refused', location: '/sang-kien/12/sua' });
	});

	it('is tried again when the answer is a server error or not the server’s at all (a hotspot’s login page)', () => {
		expect(outcomeOf(ACTION, 500, { type: 'error', error: { message: 'x' } })).toEqual({ kind: 'retry' });
		expect(outcomeOf(ACTION, 502, null)).toEqual({ kind: 'retry' });
		expect(outcomeOf(ACTION, 200, null)).toEqual({ kind: 'retry' });
	});
});
