import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { checkInKeys, checkIns, initiativeParticipants, people } from '../db/schema';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { loadForAction, mayTakePart, PARTICIPANTS_MAX } from './service';
import { checkInOpenOn, checkInWindow, isFreshWindow } from '../../domain/initiatives/check-in';
import { isEditable } from '../../domain/initiatives/workflow';
import { isoDay } from '../../format';
import type { MessageKey } from '../../i18n';

const sign = (secret: string, initiativeId: number, window: number) =>
	createHmac('sha256', secret).update(`${initiativeId}:${window}`).digest('base64url').slice(0, 22);

type Refusal = { ok: false; error: MessageKey };

/** Why check-in cannot run for this work now, or null. */
function closedBecause(
	initiative: { status: Parameters<typeof isEditable>[0]; startedOn: string; endedOn: string },
	now: number
): MessageKey | null {
	if (!isEditable(initiative.status)) return 'checkIn.notEditable';
	if (!checkInOpenOn(initiative, isoDay(now))) return 'checkIn.notToday';
	return null;
}

/**
 * The code attendees scan now (for those who may edit the work, on the days of its event): `{window}.{mac}`,
 * good for this minute and the next. The work's key is made the first time.
 */
export function currentCheckInCode(ctx: ServiceContext, id: number): { ok: true; code: string } | Refusal {
	const loaded = loadForAction(ctx, id);
	if (!loaded) return { ok: false, error: 'initiative.notFound' };
	authorize(ctx, 'initiative.edit', { kind: 'initiative', ...loaded.facts });
	const closed = closedBecause(loaded.initiative, ctx.now);
	if (closed) return { ok: false, error: closed };
	let key = ctx.db.select().from(checkInKeys).where(eq(checkInKeys.initiativeId, id)).get();
	if (!key) {
		key = { initiativeId: id, secret: randomBytes(32).toString('base64url'), openedBy: ctx.actor!.personId, openedAt: ctx.now };
		ctx.db.insert(checkInKeys).values(key).onConflictDoNothing().run();
		key = ctx.db.select().from(checkInKeys).where(eq(checkInKeys.initiativeId, id)).get()!;
		recordAudit(ctx.db, ctx, {
			action: 'initiative.checkInOpen',
			targetType: 'initiative',
			targetId: id,
			unitId: loaded.initiative.unitId
		});
	}
	const window = checkInWindow(ctx.now);
	return { ok: true, code: `${window}.${sign(key.secret, id, window)}` };
}

/** The signed-in person checks in with a code they scanned: they become one of the work's participants. */
export function checkIn(ctx: ServiceContext, id: number, code: string): { ok: true; title: string; already: boolean } | Refusal {
	const person = ctx.actor?.personId;
	const loaded = loadForAction(ctx, id);
	const key = ctx.db.select().from(checkInKeys).where(eq(checkInKeys.initiativeId, id)).get();
	const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code);
	if (!person || !loaded || !key || !match) return { ok: false, error: 'checkIn.badCode' };
	const window = Number(match[1]);
	const expected = Buffer.from(sign(key.secret, id, window));
	if (!timingSafeEqual(expected, Buffer.from(match[2]!))) return { ok: false, error: 'checkIn.badCode' };
	if (!isFreshWindow(window, ctx.now)) return { ok: false, error: 'checkIn.staleCode' };
	const closed = closedBecause(loaded.initiative, ctx.now);
	if (closed) return { ok: false, error: closed };
	const { title } = loaded.initiative;
	const already = ctx.db
		.select({ at: checkIns.at })
		.from(checkIns)
		.where(and(eq(checkIns.initiativeId, id), eq(checkIns.personId, person)))
		.get();
	if (already) return { ok: true, title, already: true };
	// The same people the form would accept as participants.
	if (!mayTakePart(ctx.db, loaded.facts, person)) return { ok: false, error: 'checkIn.outOfScope' };
	const participants = ctx.db.select().from(initiativeParticipants).where(eq(initiativeParticipants.initiativeId, id)).all();
	if (!participants.some((p) => p.personId === person) && participants.length >= PARTICIPANTS_MAX)
		return { ok: false, error: 'checkIn.full' };
	ctx.db.transaction(
		() => {
			ctx.db.insert(checkIns).values({ initiativeId: id, personId: person, at: ctx.now }).onConflictDoNothing().run();
			ctx.db.insert(initiativeParticipants).values({ initiativeId: id, personId: person }).onConflictDoNothing().run();
		},
		{ behavior: 'immediate' }
	);
	return { ok: true, title, already: false };
}

/** Who checked in, in the order they came. */
export function checkedIn(db: Db, id: number): Array<{ name: string; at: number }> {
	return db
		.select({ name: people.displayName, at: checkIns.at })
		.from(checkIns)
		.innerJoin(people, eq(people.id, checkIns.personId))
		.where(eq(checkIns.initiativeId, id))
		.orderBy(asc(checkIns.at))
		.all();
}
