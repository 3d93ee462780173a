import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { appMeta, memberships, people, roleAssignments, unitLevels, units } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { hashSecret, randomToken } from '../auth/tokens';
import { admitHashing, hashPassword, retryHashingAfterMs } from '../auth/password';
import { checkPassword } from '../../domain/auth/password-policy';
import { publicDisplayName } from '../../domain/people/names';
import { pathFor } from '../../domain/units/tree';
import { toSearchText } from '../../text';
import { isoDay } from '../../format';
import { t } from '../../i18n';
import type { FirstRunInput } from '../../schemas/setup';

/** The app_meta row holding the set-up link: only SHA-256 of its token, and when it was used. */
const META_KEY = 'setup_link';
/** What randomToken() makes: anything else is not a set-up token and is refused before any comparison. */
const TOKEN_SHAPE = /^[a-z2-9]{24}$/;

interface StoredLink {
	hash: string;
	createdAt: number;
	usedAt: number | null;
}

/**
 * Set-up is needed while nobody can administer the installation: no active province_admin grant on an active
 * unit held by an enabled person.
 */
export function setupNeeded(db: Db): boolean {
	const admin = db
		.select({ id: roleAssignments.id })
		.from(roleAssignments)
		.innerJoin(units, eq(units.id, roleAssignments.unitId))
		.innerJoin(people, eq(people.id, roleAssignments.personId))
		.where(
			and(eq(roleAssignments.role, 'province_admin'), isNull(roleAssignments.revokedAt), eq(units.active, true), isNull(people.disabledAt))
		)
		.limit(1)
		.get();
	return !admin;
}

function storedLink(db: Db): StoredLink | null {
	const row = db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, META_KEY)).get();
	if (!row) return null;
	try {
		return JSON.parse(row.value) as StoredLink;
	} catch {
		return null;
	}
}

/**
 * A new one-time set-up link, replacing any earlier one (each start while set-up is still needed prints a
 * fresh link; the old one stops working). Only the token's hash is kept; it lives until used.
 */
export function issueSetupLink(db: Db, now: number): string {
	const token = randomToken();
	const value = JSON.stringify({ hash: hashSecret(token).toString('hex'), createdAt: now, usedAt: null } satisfies StoredLink);
	db.insert(appMeta).values({ key: META_KEY, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } }).run();
	return token;
}

/**
 * `unknown`: not this installation's link (the page is a 404); `spent`: the right link, but used already or
 * no longer needed because an admin exists; `open`: the form may be shown.
 */
export type SetupLinkState = 'open' | 'spent' | 'unknown';

export function setupLinkState(db: Db, token: string): SetupLinkState {
	if (!TOKEN_SHAPE.test(token)) return 'unknown';
	const stored = storedLink(db);
	if (!stored || !/^[0-9a-f]{64}$/.test(stored.hash)) return 'unknown';
	if (!constantTimeEqual(hashSecret(token), Buffer.from(stored.hash, 'hex'))) return 'unknown';
	return stored.usedAt === null && setupNeeded(db) ? 'open' : 'spent';
}

/** The levels the root unit may take, highest first; "province" is the default. */
export function rootLevelChoices(db: Db) {
	return db
		.select({ code: unitLevels.code, label: unitLevels.label })
		.from(unitLevels)
		.orderBy(asc(unitLevels.rank), asc(unitLevels.code))
		.all();
}

export type FirstRunResult =
	| { ok: true; personId: number; unitId: number }
	| { ok: false; state: Exclude<SetupLinkState, 'open'> }
	| { ok: false; errors: Record<string, string> }
	| { ok: false; busy: true; retryAfterMs: number };

/**
 * Creates the root unit, its first province admin (with an open membership and the grant) and uses the link
 * up, all in one transaction that checks again that the link is unused and no admin exists: two tabs racing
 * cannot both set up. Every refusal comes before any write.
 */
export async function completeFirstRun(ctx: ServiceContext, token: string, input: FirstRunInput): Promise<FirstRunResult> {
	const state = setupLinkState(ctx.db, token);
	if (state !== 'open') return { ok: false, state };
	const errors: Record<string, string> = {};
	if (!ctx.db.select({ code: unitLevels.code }).from(unitLevels).where(eq(unitLevels.code, input.level)).get())
		errors.level = t('unitError.unknownLevel');
	const problem = checkPassword(
		input.password,
		[input.username, input.phone].filter((v): v is string => !!v)
	);
	if (problem) errors.password = t(`password.${problem}`);
	else if (input.password !== input.confirm) errors.confirm = t('auth.setPassword.mismatch');
	const clash = ctx.db
		.select({ username: people.username, phone: people.phone })
		.from(people)
		.where(or(eq(people.username, input.username), input.phone ? eq(people.phone, input.phone) : undefined))
		.all();
	if (clash.some((p) => p.username === input.username)) errors.username = t('setup.usernameTaken');
	if (input.phone && clash.some((p) => p.phone === input.phone)) errors.phone = t('validation.duplicateContact');
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const slot = admitHashing();
	if (!slot) return { ok: false, busy: true, retryAfterMs: retryHashingAfterMs() };
	const passwordHash = await hashPassword(slot, input.password);

	return ctx.db.transaction(
		(tx) => {
			const stored = storedLink(ctx.db);
			if (!stored || stored.usedAt !== null || !setupNeeded(ctx.db)) return { ok: false as const, state: 'spent' as const };
			if (tx.select({ id: people.id }).from(people).where(eq(people.username, input.username)).get())
				return { ok: false as const, errors: { username: t('setup.usernameTaken') } };
			const shortName = input.unitShortName || input.unitName;
			const inserted = tx
				.insert(units)
				.values({
					parentId: null,
					level: input.level,
					name: input.unitName,
					shortName,
					path: `/pending-${crypto.randomUUID()}/`,
					depth: 0,
					createdAt: ctx.now,
					searchName: toSearchText(`${input.unitName} ${shortName}`)
				})
				.returning({ id: units.id })
				.get();
			tx.update(units)
				.set({ path: pathFor(null, inserted.id) })
				.where(eq(units.id, inserted.id))
				.run();
			const person = tx
				.insert(people)
				.values({
					fullName: input.fullName,
					displayName: publicDisplayName(input.fullName),
					username: input.username,
					phone: input.phone,
					passwordHash,
					createdAt: ctx.now
				})
				.returning({ id: people.id })
				.get();
			tx.insert(memberships)
				.values({ personId: person.id, unitId: inserted.id, joinedOn: isoDay(ctx.now) })
				.run();
			tx.insert(roleAssignments).values({ personId: person.id, role: 'province_admin', unitId: inserted.id, grantedAt: ctx.now }).run();
			tx.update(appMeta)
				.set({ value: JSON.stringify({ ...stored, usedAt: ctx.now } satisfies StoredLink) })
				.where(eq(appMeta.key, META_KEY))
				.run();
			recordAudit(
				ctx.db,
				{ ...ctx, actor: { personId: person.id, grants: [] } },
				{
					action: 'system.first_run',
					targetType: 'unit',
					targetId: inserted.id,
					unitId: inserted.id,
					after: { unitName: input.unitName, level: input.level, adminId: person.id, username: input.username }
				}
			);
			return { ok: true as const, personId: person.id, unitId: inserted.id };
		},
		{ behavior: 'immediate' }
	);
}
