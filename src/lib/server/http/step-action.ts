import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireActor, serviceContext } from './context';
import { safeNextPath } from './navigation';
import { takeStep, type StepProblem } from '../initiatives/service';
import { stepCommitted } from '../realtime/after-commit';
import { t, type MessageKey } from '../../i18n';
import type { Transition } from '../../domain/initiatives/workflow';

const DONE: Record<Transition, MessageKey> = {
	submit: 'initiative.submitted',
	approve: 'review.approved',
	return: 'review.returned',
	reject: 'review.rejected',
	revoke: 'review.revoked'
};

const STATUS: Record<StepProblem, number> = { notFound: 404, conflict: 409, invalid: 400 };

/**
 * One form action for every workflow step, shared by the story page and the review queue. The form posts
 * the initiative id, the revision the person saw, an optional reason and, for approvals, adjusted values.
 */
export async function stepAction(event: RequestEvent, transition: Transition, initiativeId?: number) {
	requireActor(event);
	const form = await event.request.formData();
	const id = initiativeId ?? Number(form.get('initiativeId'));
	const revision = Number(form.get('revision'));
	if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(revision) || revision < 0) error(400, t('validation.invalidChoice'));
	const adjustments: Record<number, string> = {};
	for (const [key, value] of form.entries()) {
		const match = /^adjust_([1-9]\d{0,9})$/.exec(key);
		if (match && typeof value === 'string' && value.trim()) adjustments[Number(match[1])] = value.slice(0, 40);
	}
	const reason = String(form.get('reason') ?? '').slice(0, 2000);
	const ctx = serviceContext(event);
	const result = takeStep(ctx, id, transition, { reason: reason || null, seenRevision: revision, adjustments });
	if (!result.ok)
		return fail(STATUS[result.problem], { stepFor: id, transition, error: t(result.error), errors: result.errors ?? {}, reason });
	if (!result.repeated) await stepCommitted(ctx, { initiativeId: id, transition, ledger: result.ledger, badges: result.badges });
	const back = form.get('back');
	if (typeof back === 'string' && back) redirect(303, safeNextPath(back));
	return { stepFor: id, transition, done: t(DONE[transition]) };
}
