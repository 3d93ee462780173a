import { and, eq, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { people, roleAssignments } from '../db/schema';
import { loadActor } from '../auth/actor';
import { remindersOf } from './reminders';
import type { MailMessage, SendMail } from './mail';
import { t } from '../../i18n';
import { dueStateText } from '../../i18n/reports';
import { formatDate, hourOfDay, isoDay } from '../../format';

/** What is due goes out once a Vietnamese day, from this hour on: read at the start of an office's day. */
export const REMINDER_MAIL_HOUR = 7;
/** People looked at per round (each count reads the report plan and the review queue). */
const BATCH = 20;

type Reminders = ReturnType<typeof remindersOf>;

/** The day's e-mail of what is due from the person, the same things the bell counts in amber; null when nothing is. */
export function reminderEmail(reminders: Reminders, name: string, origin: string): Omit<MailMessage, 'to'> | null {
	const lines = reminders.reports.map(
		(row) =>
			`- ${t(`report.kind.${row.kind}`)}${row.request ? `: ${row.request.title}` : ''} · ${row.unit.name} · ${row.period.name} — ${t('report.dueOn')} ${formatDate(row.dueOn)} (${dueStateText(row.state)})`
	);
	if (reminders.longWaiting > 0)
		lines.push(
			`- ${t('notice.reviewsWaiting', { n: reminders.longWaiting, days: reminders.reminderDays })}: ${origin}/duyet?cho=${reminders.reminderDays}`
		);
	if (reminders.ownClaims > 0) lines.push(`- ${t('notice.ownClaimsWaiting', { n: reminders.ownClaims })}: ${origin}/toi`);
	if (lines.length === 0) return null;
	const due = reminders.reports.length + reminders.longWaiting + reminders.ownClaims;
	return {
		subject: t('mail.remindersSubject', { app: t('app.name'), n: due }),
		text: [
			t('mail.greeting', { name }),
			'',
			t('mail.remindersLead'),
			'',
			...lines,
			'',
			t('mail.open', { url: `${origin}/thong-bao` }),
			'',
			t('mail.footer', { url: `${origin}/tai-khoan` })
		].join('\n')
	};
}

/**
 * Once a day, from REMINDER_MAIL_HOUR, mails each person who holds a role, has an address and did not switch mail
 * off what is due from them, if anything is. A person is claimed for the day before the mail goes (another process
 * will not send it too) and released when sending fails, to go at the next round.
 */
export async function deliverReminderEmails(
	db: Db,
	send: SendMail,
	origin: string,
	now: number
): Promise<{ sent: number; failed: number }> {
	if (hourOfDay(now) < REMINDER_MAIL_HOUR) return { sent: 0, failed: 0 };
	const today = isoDay(now);
	const notRemindedToday = or(isNull(people.remindedOn), lt(people.remindedOn, today));
	const due = db
		.selectDistinct({ id: people.id, email: people.email, name: people.displayName, remindedOn: people.remindedOn })
		.from(people)
		.innerJoin(
			roleAssignments,
			and(eq(roleAssignments.personId, people.id), isNull(roleAssignments.revokedAt), ne(roleAssignments.role, 'member'))
		)
		.where(and(isNotNull(people.email), eq(people.emailNotices, true), isNull(people.disabledAt), notRemindedToday))
		.limit(BATCH)
		.all();
	let sent = 0;
	let failed = 0;
	for (const person of due) {
		const claimed = db
			.update(people)
			.set({ remindedOn: today })
			.where(and(eq(people.id, person.id), notRemindedToday))
			.run().changes;
		const identity = claimed === 1 ? loadActor(db, person.id) : null;
		if (!identity || !person.email) continue;
		const message = reminderEmail(
			remindersOf({ db, actor: identity.actor, now, ipHash: null, requestId: null }, identity.actor),
			person.name,
			origin
		);
		if (!message) continue;
		try {
			await send({ to: person.email, ...message });
			sent += 1;
		} catch (err) {
			failed += 1;
			db.update(people).set({ remindedOn: person.remindedOn }).where(eq(people.id, person.id)).run();
			console.warn(`[mail] reminders of person ${person.id} not sent: ${(err as Error).message}`);
		}
	}
	return { sent, failed };
}
