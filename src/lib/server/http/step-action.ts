import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireActor, serviceContext } from './context';
import { safeNextPath } from './navigation';
import { loadForAction, takeStep, type StepProblem } from '../initiatives/service';
import { authorize } from '../auth/authorize';
import { stepCommitted } from '../realtime/after-commit';
import { t, type MessageKey } from '../../i18n';
import type { Transition } from '../../domain/initiatives/workflow';

const DONE: Record<Transition, MessageKey> = {
	submit: 'initiative.submitted',
	withdraw: 'initiative.withdrawn',
	approve: 'review.approved',
	return: 'review.returned',
	reject: 'review.rejected',
	revoke: 'review.revoked'
};

/** The query parameter a page reads to say which step was just taken elsewhere (see `doneMessage`). */
const DONE_PARAM = 'vua-xong';

/** What a page says after a step taken on another page sent the person back to it (`?vua-xong=approve`). */
export function doneMessage(url: URL): string | null {
	const step = url.searchParams.get(DONE_PARAM);
	return step && Object.hasOwn(DONE, step) ? t(DONE[step as Transition]) : null;
}

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
	if (!result.repeated) await stepCommitted(ctx, { initiativeId: id, transition, ...result });
	const back = form.get('back');
	if (typeof back === 'string' && back) {
		// Back where the verifier came from (the queue), which says what was just done.
		const to = new URL(safeNextPath(back), 'http://same.invalid');
		to.searchParams.set(DONE_PARAM, transition);
		redirect(303, `${to.pathname}${to.search}`);
	}
	return { stepFor: id, transition, done: t(DONE[transition]) };
}

/** A verifier approves at most this many works in one action (a page of the queue). */
export const MOST_APPROVED_AT_ONCE = 100;

/**
 * Approves the works ticked in the review queue, each its own audited, idempotent transition (as if approved
 * one by one, at the revision the verifier saw). Every one is authorized before any is approved: a pick the
 * verifier may not approve refuses the whole batch with nothing changed. A work changed meanwhile is left
 * for a second look and named in the result.
 */
export async function approveManyAction(event: RequestEvent) {
	requireActor(event);
	const form = await event.request.formData();
	const picks = form.getAll('pick');
	if (picks.length === 0) return fail(400, { bulkError: t('review.bulkNone') });
	if (picks.length > MOST_APPROVED_AT_ONCE) return fail(400, { bulkError: t('review.bulkTooMany', { max: MOST_APPROVED_AT_ONCE }) });
	const works = picks.map((pick) => /^([1-9]\d{0,9}):(\d{1,9})$/.exec(typeof pick === 'string' ? pick : ''));
	if (works.some((w) => !w)) error(400, t('validation.invalidChoice'));
	const ctx = serviceContext(event);
	const chosen = [...new Map(works.map((w) => [Number(w![1]), Number(w![2])]))];
	const loaded = chosen.map(([id]) => loadForAction(ctx, id));
	if (loaded.some((l) => !l)) error(404, t('initiative.notFound'));
	for (const l of loaded) authorize(ctx, 'initiative.verify', { kind: 'initiative', ...l!.facts });
	const left: string[] = [];
	let approved = 0;
	for (const [n, [id, revision]] of chosen.entries()) {
		const result = takeStep(ctx, id, 'approve', { reason: null, seenRevision: revision, adjustments: {} });
		if (!result.ok) {
			left.push(t('review.bulkLeft', { title: loaded[n]!.initiative.title, reason: t(result.error) }));
			continue;
		}
		approved += 1;
		if (!result.repeated) await stepCommitted(ctx, { initiativeId: id, transition: 'approve', ...result });
	}
	return { bulkDone: t('review.bulkApproved', { n: approved }), bulkLeft: left };
}
