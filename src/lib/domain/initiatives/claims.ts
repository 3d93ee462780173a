import { isEditable, type InitiativeStatus } from './workflow';

export const CLAIM_STATUSES = ['pending', 'confirmed', 'declined'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A claim says what she did in a sentence or two, not a second story. */
export const CLAIM_NOTE_MAX = 300;

export type ClaimRefusal = 'closed' | 'participant' | 'pending' | 'declined' | 'outOfScope';

/**
 * Why a member may not claim a part in a work, or null: only while it is still being prepared (after it is sent,
 * the verifier decides what was sent), once, and only someone the work may credit.
 */
export function claimRefusal(facts: {
	status: InitiativeStatus;
	participant: boolean;
	claim: ClaimStatus | null;
	mayTakePart: boolean;
}): ClaimRefusal | null {
	if (!isEditable(facts.status)) return 'closed';
	if (facts.participant || facts.claim === 'confirmed') return 'participant';
	if (facts.claim === 'pending') return 'pending';
	if (facts.claim === 'declined') return 'declined';
	if (!facts.mayTakePart) return 'outOfScope';
	return null;
}

export type DecisionRefusal = 'closed' | 'decided' | 'ownClaim';

/** Why a claim may not be decided now, or null: while the work is being prepared, once, and never by the claimant. */
export function decisionRefusal(facts: {
	status: InitiativeStatus;
	claim: ClaimStatus;
	claimantId: number;
	deciderId: number;
}): DecisionRefusal | null {
	if (!isEditable(facts.status)) return 'closed';
	if (facts.claim !== 'pending') return 'decided';
	if (facts.claimantId === facts.deciderId) return 'ownClaim';
	return null;
}

/** The note as kept: trimmed, control characters (but line breaks) dropped; null when it is too long. */
export function claimNote(raw: string): string | null {
	const note = raw
		.replace(/\r\n?/g, '\n')
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
		.trim();
	return note.length > CLAIM_NOTE_MAX ? null : note;
}
