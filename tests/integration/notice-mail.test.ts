import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { campaignFixture, contextFor, orgFixture, tempDatabase, type TempDb } from '../helpers/db';
import { DAY_MS, HOUR_MS, NOW, dayOf, daysBefore } from '../helpers/clock';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { takeStep } from '../../src/lib/server/initiatives/service';
import { people } from '../../src/lib/server/db/schema';
import { deliverNoticeEmails, MAIL_WITHIN_MS, smtpSender } from '../../src/lib/server/notifications/mail';
import { setEmailNotices } from '../../src/lib/server/notifications/notices';
import { deliverReminderEmails } from '../../src/lib/server/notifications/reminder-mail';

/** A real SMTP server on a free port that keeps what it is sent. */
let sink: SMTPServer;
let port: number;
const received: Array<{ to: string[]; raw: string }> = [];
beforeAll(async () => {
	sink = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
				done();
			});
		}
	});
	await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
	port = (sink.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => sink.close(resolve)));

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	received.length = 0;
});
afterEach(() => t.close());

const ORIGIN = 'https://thidua.example.vn';
const send = () => smtpSender(`smtp://127.0.0.1:${port}`, 'Tiên Phong <thong-bao@thidua.example.vn>');

/** G1a's secretary logs and sends a work; D1's verifier returns it. */
function returnedWork(title: string): number {
	const secretary = contextFor(t.db, f.people.g1aAdmin.id);
	const id = submitted(secretary, loggedInitiative(secretary, vneidSession(c, f.units.B1a1.id, { day: '2026-11-20', title })));
	takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'return', { reason: 'Thiếu ảnh buổi hướng dẫn', seenRevision: 1 });
	return id;
}

const setEmail = (personId: number, email: string | null, emailNotices = true) =>
	t.db.update(people).set({ email, emailNotices }).where(eq(people.id, personId)).run();

/** The plain-text body as sent (quoted-printable undone). */
const body = (raw: string) =>
	Buffer.from(
		raw
			.split(/\r?\n\r?\n/)
			.slice(1)
			.join('\n\n')
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
		'latin1'
	).toString('utf8');

describe('notices by e-mail', () => {
	it('the author gets one e-mail in Vietnamese saying what happened, why, and where to fix it; never twice', async () => {
		setEmail(f.people.g1aAdmin.id, 'bithu.tama@example.vn');
		const id = returnedWork('Hướng dẫn VNeID tại bản Ta Ma');
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW)).toEqual({ sent: 1, failed: 0 });
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['bithu.tama@example.vn']);
		const text = body(received[0]!.raw);
		expect(text).toContain('Sáng kiến “Hướng dẫn VNeID tại bản Ta Ma” bị trả lại để sửa. Lý do: Thiếu ảnh buổi hướng dẫn');
		expect(text).toContain(`Xem tại: ${ORIGIN}/sang-kien/${id}/sua`);
		expect(text).toContain(`Tắt tại: ${ORIGIN}/tai-khoan`);
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW + 1000)).toEqual({ sent: 0, failed: 0 });
		expect(received).toHaveLength(1);
	});

	it('nobody without an address or who switched mail off is mailed, and old notices do not go out late', async () => {
		setEmail(f.people.g1aAdmin.id, 'bithu.tama@example.vn');
		// Her own choice on /tai-khoan.
		setEmailNotices({ db: t.db }, f.people.g1aAdmin.id, false);
		returnedWork('Tắt thư');
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW)).toEqual({ sent: 0, failed: 0 });
		setEmail(f.people.g1aAdmin.id, null);
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW)).toEqual({ sent: 0, failed: 0 });
		// Switched back on two days later: yesterday's news stays in the app.
		setEmail(f.people.g1aAdmin.id, 'bithu.tama@example.vn', true);
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW + MAIL_WITHIN_MS + 1)).toEqual({ sent: 0, failed: 0 });
		expect(received).toHaveLength(0);
	});

	it('a notice the server could not take goes at the next round', async () => {
		setEmail(f.people.g1aAdmin.id, 'bithu.tama@example.vn');
		returnedWork('Máy chủ thư tắt');
		const down = smtpSender('smtp://127.0.0.1:1', 'Tiên Phong <thong-bao@thidua.example.vn>');
		expect(await deliverNoticeEmails(t.db, down, ORIGIN, NOW)).toEqual({ sent: 0, failed: 1 });
		expect(await deliverNoticeEmails(t.db, send(), ORIGIN, NOW + 5000)).toEqual({ sent: 1, failed: 0 });
		expect(received).toHaveLength(1);
	});
});

describe('what is due, by e-mail once a day', () => {
	/** G1a's secretary sent a work four days ago: it waits for D1's verifier. */
	const waitingFourDays = () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id, daysBefore(4));
		submitted(secretary, loggedInitiative(secretary, vneidSession(c, f.units.G1a.id, { day: dayOf(daysBefore(10)), title: 'Chờ lâu' })));
	};
	const sixAm = NOW - 4 * HOUR_MS; // NOW is 10:00 in Điện Biên

	it('the verifier gets, from seven in the morning, one e-mail a day of the work waiting for him, with where to go', async () => {
		setEmail(f.people.d1Admin.id, 'xacnhan.d1@example.vn');
		waitingFourDays();
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, sixAm)).toEqual({ sent: 0, failed: 0 });
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, NOW)).toEqual({ sent: 1, failed: 0 });
		expect(received.map((r) => r.to)).toEqual([['xacnhan.d1@example.vn']]);
		const text = body(received[0]!.raw);
		expect(text).toContain('Những việc đang chờ bạn hôm nay:');
		expect(text).toContain(`- 1 sáng kiến chờ bạn xác nhận từ 3 ngày trở lên: ${ORIGIN}/duyet?cho=3`);
		expect(text).toContain(`Tắt tại: ${ORIGIN}/tai-khoan`);
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, NOW + 6 * HOUR_MS)).toEqual({ sent: 0, failed: 0 });
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, NOW + DAY_MS)).toEqual({ sent: 1, failed: 0 });
		expect(received).toHaveLength(2);
	});

	it('nobody who switched mail off, and no one with nothing due, is mailed; a failed send goes at the next round', async () => {
		setEmail(f.people.d1Admin.id, 'xacnhan.d1@example.vn', false);
		setEmail(f.people.member.id, 'doanvien@example.vn');
		waitingFourDays();
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, NOW)).toEqual({ sent: 0, failed: 0 });
		setEmail(f.people.d1Admin.id, 'xacnhan.d1@example.vn', true);
		const down = smtpSender('smtp://127.0.0.1:1', 'Tiên Phong <thong-bao@thidua.example.vn>');
		expect(await deliverReminderEmails(t.db, down, ORIGIN, NOW)).toEqual({ sent: 0, failed: 1 });
		expect(await deliverReminderEmails(t.db, send(), ORIGIN, NOW + 5000)).toEqual({ sent: 1, failed: 0 });
		expect(received.map((r) => r.to)).toEqual([['xacnhan.d1@example.vn']]);
	});
});
