import { and, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client';
import { notifications, people } from '../db/schema';
import { noticesByIds } from './notices';
import { noticeText } from '../../i18n/notices';
import { t } from '../../i18n';
import type { NoticeView } from '../../domain/notifications/notices';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}
export type SendMail = (message: MailMessage) => Promise<void>;

export function smtpSender(url: string, from: string): SendMail {
	const transport = nodemailer.createTransport(url);
	return async (message) => {
		await transport.sendMail({ from, ...message });
	};
}

/** Older notices are not mailed late (an address added or mail switched back on must not bring a flood). */
export const MAIL_WITHIN_MS = 2 * 24 * 60 * 60 * 1000;
const BATCH = 50;

export function noticeEmail(notice: NoticeView, name: string, origin: string): Omit<MailMessage, 'to'> {
	const sentence = noticeText(notice);
	return {
		subject: `${t('app.name')}: ${sentence.length > 120 ? `${sentence.slice(0, 119)}…` : sentence}`,
		text: [
			t('mail.greeting', { name }),
			'',
			sentence,
			'',
			t('mail.open', { url: `${origin}${notice.href}` }),
			'',
			t('mail.footer', { url: `${origin}/tai-khoan` })
		].join('\n')
	};
}

/**
 * Mails the notices not mailed yet to people with an address who did not switch mail off. Each notice is
 * claimed before it is sent (another process will not send it too) and released when sending fails, to go
 * at the next round.
 */
export async function deliverNoticeEmails(db: Db, send: SendMail, origin: string, now: number): Promise<{ sent: number; failed: number }> {
	const due = db
		.select({ id: notifications.id, email: people.email, name: people.displayName })
		.from(notifications)
		.innerJoin(people, eq(people.id, notifications.personId))
		.where(
			and(
				isNull(notifications.emailedAt),
				gte(notifications.createdAt, now - MAIL_WITHIN_MS),
				isNotNull(people.email),
				eq(people.emailNotices, true),
				isNull(people.disabledAt)
			)
		)
		.limit(BATCH)
		.all();
	const views = new Map(
		noticesByIds(
			db,
			due.map((d) => d.id)
		).map((v) => [v.id, v])
	);
	let sent = 0;
	let failed = 0;
	for (const { id, email, name } of due) {
		const view = views.get(id);
		if (!view || !email) continue;
		const claimed = db
			.update(notifications)
			.set({ emailedAt: now })
			.where(and(eq(notifications.id, id), isNull(notifications.emailedAt)))
			.run().changes;
		if (claimed !== 1) continue;
		try {
			await send({ to: email, ...noticeEmail(view, name, origin) });
			sent += 1;
		} catch (err) {
			failed += 1;
			db.update(notifications).set({ emailedAt: null }).where(eq(notifications.id, id)).run();
			console.warn(`[mail] notice ${id} not sent: ${(err as Error).message}`);
		}
	}
	return { sent, failed };
}
