import { depthOf, isWithin } from '../units/tree';
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

export const OWN_WORK_TITLE_MAX = 200;
/** Work older than this is for the secretary's own records, not a member's claim. */
export const OWN_WORK_MAX_AGE_DAYS = 366;

export type OwnWorkProblem = 'titleRequired' | 'titleTooLong' | 'dayInvalid' | 'dayFuture' | 'dayTooOld' | 'noteRequired' | 'noteTooLong';

/** A member's account of work of her own, as kept, or what is wrong with each field. */
export function readOwnWork(
	raw: { title: string; startedOn: string; note: string },
	today: string
):
	| { ok: true; value: { title: string; startedOn: string; note: string } }
	| { ok: false; problems: Partial<Record<'title' | 'startedOn' | 'note', OwnWorkProblem>> } {
	const problems: Partial<Record<'title' | 'startedOn' | 'note', OwnWorkProblem>> = {};
	const title = claimNote(raw.title)?.replace(/\s+/g, ' ') ?? null;
	if (title === null || title.length > OWN_WORK_TITLE_MAX) problems.title = 'titleTooLong';
	else if (title === '') problems.title = 'titleRequired';
	const day = raw.startedOn.trim();
	const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
	if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) problems.startedOn = 'dayInvalid';
	else if (day > today) problems.startedOn = 'dayFuture';
	else if (Date.parse(`${today}T00:00:00Z`) - parsed.getTime() > OWN_WORK_MAX_AGE_DAYS * 86_400_000) problems.startedOn = 'dayTooOld';
	const note = claimNote(raw.note);
	if (note === null) problems.note = 'noteTooLong';
	else if (note === '') problems.note = 'noteRequired';
	if (Object.keys(problems).length > 0) return { ok: false, problems };
	return { ok: true, value: { title: title!, startedOn: day, note: note! } };
}

/**
 * Who is reminded of a member's account of her own work: those who log work at her unit or the one just above it
 * (her branch's and her commune's secretaries). Everyone above may still log it from their page; a province admin
 * reminded of every member's account in the province would stop reading reminders.
 */
export function remindedOfOwnClaim(grantPaths: readonly string[], claimUnitPath: string): boolean {
	return grantPaths.some((path) => isWithin(claimUnitPath, path) && depthOf(claimUnitPath) - depthOf(path) <= 1);
}
