import type { EventType } from '../initiatives/workflow';

export const NOTICE_KINDS = ['approved', 'returned', 'rejected', 'revoked', 'badge', 'claim', 'claimConfirmed', 'claimDeclined'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Work waiting this long for its verifier is recalled to him under the bell's page. */
export const REVIEW_WAIT_REMINDER_DAYS = 3;

/** A notice as the bell and its page show it. */
export interface NoticeView {
	id: number;
	kind: NoticeKind;
	/** The work's title, or the badge's name. */
	subject: string;
	reason: string | null;
	href: string;
	createdAt: number;
	read: boolean;
}

export interface Notice {
	personId: number;
	kind: NoticeKind;
}

const TOLD: Partial<Record<EventType, NoticeKind>> = {
	approved: 'approved',
	returned: 'returned',
	rejected: 'rejected',
	revoked: 'revoked'
};

/**
 * Who hears of a decision on a work: the person who logged it — not when they took the step themselves, and
 * not for a submission (that is news for the verifiers, whose queue shows it).
 */
export function decisionNotice(event: EventType, authorId: number | null, actorId: number): Notice | null {
	const kind = TOLD[event];
	if (!kind || authorId === null || authorId === actorId) return null;
	return { personId: authorId, kind };
}

/** A badge is news for the member who earned it; a unit's or a team's badge shows on the boards and the ticker. */
export function badgeNotice(subjectType: string, subjectId: number, change: 'awarded' | 'revoked'): Notice | null {
	return change === 'awarded' && subjectType === 'member' ? { personId: subjectId, kind: 'badge' } : null;
}
