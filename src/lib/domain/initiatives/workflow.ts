/**
 * The life of an initiative, as a pure state machine:
 * draft → submitted → approved | returned | rejected; submitted → returned when its sender withdraws it;
 * returned → submitted after edits; approved → revoked.
 * Who may take a step is decided by permissions.ts; this module decides which steps exist.
 */
export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'revoked'] as const;
export type InitiativeStatus = (typeof STATUSES)[number];

export const TRANSITIONS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'revoke'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** The event each transition records (the scoring engine reads these). */
export type EventType = 'submitted' | 'approved' | 'returned' | 'rejected' | 'revoked';

interface Move {
	from: readonly InitiativeStatus[];
	to: InitiativeStatus;
	event: EventType;
	/** A reason the author (and the public history) will read. */
	needsReason: boolean;
}

export const MOVES: Record<Transition, Move> = {
	submit: { from: ['draft', 'returned'], to: 'submitted', event: 'submitted', needsReason: false },
	// The sender takes pending work back to fix it: for everyone downstream it is returned work, as if the
	// verifier had sent it back (reports, the author's "to fix" count, the queue's "changed since" list).
	withdraw: { from: ['submitted'], to: 'returned', event: 'returned', needsReason: false },
	approve: { from: ['submitted'], to: 'approved', event: 'approved', needsReason: false },
	return: { from: ['submitted'], to: 'returned', event: 'returned', needsReason: true },
	reject: { from: ['submitted'], to: 'rejected', event: 'rejected', needsReason: true },
	revoke: { from: ['approved'], to: 'revoked', event: 'revoked', needsReason: true }
};

export const REASON_MAX = 1000;

export type StepCheck =
	{ ok: true; to: InitiativeStatus; event: EventType } | { ok: false; reason: 'wrong_state' | 'reason_required' | 'reason_too_long' };

export function checkStep(status: InitiativeStatus, transition: Transition, reason: string | null): StepCheck {
	const move = MOVES[transition];
	if (!move.from.includes(status)) return { ok: false, reason: 'wrong_state' };
	const text = reason?.trim() ?? '';
	if (move.needsReason && text.length === 0) return { ok: false, reason: 'reason_required' };
	if ([...text].length > REASON_MAX) return { ok: false, reason: 'reason_too_long' };
	return { ok: true, to: move.to, event: move.event };
}

/** Text, numbers and photos change only before submission or after a return. */
export function isEditable(status: InitiativeStatus): boolean {
	return status === 'draft' || status === 'returned';
}

/** Only approved work is public; drafts, pending, returned, rejected and revoked work is not. */
export function isPublic(status: InitiativeStatus): boolean {
	return status === 'approved';
}
