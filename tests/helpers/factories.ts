/**
 * Initiatives made the way the app makes them: logged with createInitiative, submitted and approved with
 * takeStep — the services the forms call — so every row a test builds on (events, ledger entries, badges,
 * audit rows) is written as in production. A factory throws with the service's own answer when it refuses:
 * a fixture that no longer fits the rules fails where it is made, not three assertions later.
 */
import type { Db } from '../../src/lib/server/db/client';
import type { ServiceContext } from '../../src/lib/server/context';
import {
	createInitiative,
	takeStep,
	type InitiativeInput,
	type StepInput,
	type StepResult
} from '../../src/lib/server/initiatives/service';
import { getInitiative } from '../../src/lib/server/initiatives/queries';
import { contextFor, insertPerson, type campaignFixture } from './db';
import { dayOf, daysBefore } from './clock';

type Campaign = Pick<ReturnType<typeof campaignFixture>, 'vneid' | 'peopleMeasure'>;
export type ApprovedStep = Extract<StepResult, { ok: true }>;

export interface SessionOptions extends Partial<InitiativeInput> {
	/** The day it took place (YYYY-MM-DD); five days before the clock's NOW unless given. */
	day?: string;
	/** People helped (the priced measure). */
	people?: number | string;
}

/**
 * The input of a one-day "Hướng dẫn VNeID" session at `unitId` — the fixture campaign's priced activity —
 * with `people` helped (40 unless given); any field can be overridden.
 */
export function vneidSession(c: Campaign, unitId: number, options: SessionOptions = {}): InitiativeInput {
	const { day = dayOf(daysBefore(5)), people = 40, ...overrides } = options;
	return {
		unitId,
		teamId: null,
		activityTypeId: c.vneid.id,
		title: 'Hướng dẫn VNeID tại bản',
		story: 'Buổi tối ở nhà văn hoá bản, bà con mang theo căn cước.',
		startedOn: day,
		endedOn: day,
		place: 'Nhà văn hoá bản',
		photosShowChildren: false,
		measures: { [c.peopleMeasure.id]: String(people) },
		participantIds: [],
		...overrides
	};
}

/** Logs `input` as `author` (a draft, revision 0) and returns its id. */
export function loggedInitiative(author: ServiceContext, input: InitiativeInput): number {
	const created = createInitiative(author, input);
	if (!created.ok) throw new Error(`createInitiative refused the fixture: ${JSON.stringify(created.errors)}`);
	return created.id;
}

function step(ctx: ServiceContext, id: number, transition: 'submit' | 'approve', input: Partial<StepInput>): ApprovedStep {
	const initiative = getInitiative(ctx.db, id);
	if (!initiative) throw new Error(`no initiative ${id}`);
	const result = takeStep(ctx, id, transition, { reason: null, seenRevision: initiative.revision, ...input });
	if (!result.ok) throw new Error(`takeStep(${transition}) refused initiative ${id}: ${result.problem} ${result.error}`);
	return result;
}

/** Submits initiative `id` as `author`, at the revision it is at; returns the id. */
export function submitted(author: ServiceContext, id: number): number {
	step(author, id, 'submit', {});
	return id;
}

/** Approves submitted initiative `id` as `verifier` (optionally with a reason or adjusted numbers); the step's result. */
export function approved(verifier: ServiceContext, id: number, input: Partial<StepInput> = {}): ApprovedStep {
	return step(verifier, id, 'approve', input);
}

/** Logs `input` as `author`, submits it and has `verifier` approve it: points on the boards, as the app awards them. */
export function approvedInitiative(
	author: ServiceContext,
	verifier: ServiceContext,
	input: InitiativeInput
): { id: number; result: ApprovedStep } {
	const id = submitted(author, loggedInitiative(author, input));
	return { id, result: approved(verifier, id) };
}

/**
 * A second province admin, to verify work the fixture's own province admin logged (nobody approves their
 * own work), anywhere in the province.
 */
export function provinceVerifier(db: Db, provinceId: number): ServiceContext {
	return contextFor(db, insertPerson(db, 'Xác nhận cấp tỉnh', { unitId: provinceId, role: 'province_admin' }).id);
}
