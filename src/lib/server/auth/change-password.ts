import { eq } from 'drizzle-orm';
import { people } from '../db/schema';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { checkPassword, type PasswordProblem } from '../../domain/auth/password-policy';
import { hashPassword, verifyPassword } from './password';
import { invalidateOtherSessions } from './sessions';

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong_current' | 'mismatch' | PasswordProblem };

export async function changePassword(
	ctx: ServiceContext,
	sessionId: string,
	input: { current: string; next: string; confirm: string }
): Promise<ChangePasswordResult> {
	const personId = ctx.actor!.personId;
	const person = ctx.db
		.select({ passwordHash: people.passwordHash, username: people.username, phone: people.phone, email: people.email })
		.from(people)
		.where(eq(people.id, personId))
		.get();
	if (!person || !(await verifyPassword(person.passwordHash, input.current))) return { ok: false, reason: 'wrong_current' };
	if (input.next !== input.confirm) return { ok: false, reason: 'mismatch' };
	const problem = checkPassword(input.next, [person.username, person.phone, person.email].filter((v): v is string => !!v));
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(input.next);
	ctx.db.transaction((tx) => {
		tx.update(people).set({ passwordHash }).where(eq(people.id, personId)).run();
		invalidateOtherSessions(ctx.db, personId, sessionId);
		recordAudit(ctx.db, ctx, { action: 'authn_password_change', targetType: 'person', targetId: personId });
	});
	return { ok: true };
}
