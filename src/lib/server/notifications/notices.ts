import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { badgeAwards, badgeDefinitions, initiatives, notifications, people } from '../db/schema';
import type { ServiceContext } from '../context';
import type { BadgeChange } from '../scoring/badges';
import { badgeNotice, decisionNotice, type NoticeView } from '../../domain/notifications/notices';
import type { EventType } from '../../domain/initiatives/workflow';

/**
 * Notices of a decision on a work and of the badges it earned, written inside the decision's transaction.
 * Returns who was told, for the live push after the commit.
 */
const awardByKey = (db: Db) =>
	db.$client.prepare<[string, number, string, number, string], { id: number }>(
		'select id from badge_awards where badge_code = ? and level = ? and subject_type = ? and subject_id = ? and period_code = ?'
	);

const insertNotice = (db: Db) =>
	db.$client.prepare<[number, string, number | null, number | null, string | null, number]>(
		'insert into notifications (person_id, kind, initiative_id, badge_award_id, reason, created_at) values (?, ?, ?, ?, ?, ?)'
	);

export function recordStepNotices(
	db: Db,
	step: { event: EventType; initiativeId: number; authorId: number | null; actorId: number; reason: string | null; badges: BadgeChange[] },
	now: number
): number[] {
	const told = new Set<number>();
	const decision = decisionNotice(step.event, step.authorId, step.actorId);
	if (decision) {
		prepared(db, insertNotice).run(decision.personId, decision.kind, step.initiativeId, null, step.reason, now);
		told.add(decision.personId);
	}
	for (const change of step.badges) {
		const notice = badgeNotice(change.subjectType, change.subjectId, change.change);
		if (!notice) continue;
		const award = prepared(db, awardByKey).get(change.badgeCode, change.level, change.subjectType, change.subjectId, change.periodCode);
		if (!award) continue;
		prepared(db, insertNotice).run(notice.personId, notice.kind, null, award.id, null, now);
		told.add(notice.personId);
	}
	return [...told];
}

export function unreadNoticeCount(db: Db, personId: number): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(notifications)
			.where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
			.get()?.n ?? 0
	);
}

function noticeRows(db: Db, where: SQL | undefined, limit: number): NoticeView[] {
	const rows = db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			initiativeId: notifications.initiativeId,
			title: initiatives.title,
			badgeAwardId: notifications.badgeAwardId,
			badgeName: badgeDefinitions.name,
			reason: notifications.reason,
			subject: notifications.subject,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.leftJoin(initiatives, eq(initiatives.id, notifications.initiativeId))
		.leftJoin(badgeAwards, eq(badgeAwards.id, notifications.badgeAwardId))
		.leftJoin(badgeDefinitions, eq(badgeDefinitions.code, badgeAwards.badgeCode))
		.where(where)
		.orderBy(desc(notifications.id))
		.limit(limit)
		.all();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		subject: r.title ?? r.badgeName ?? r.subject ?? '',
		reason: r.reason,
		// Returned work is for fixing: straight to its form; a claim, to where it is decided.
		href:
			r.badgeAwardId !== null
				? `/huy-hieu/${r.badgeAwardId}`
				: r.kind === 'returned'
					? `/sang-kien/${r.initiativeId}/sua`
					: r.kind === 'claim'
						? `/sang-kien/${r.initiativeId}#claims-title`
						: r.initiativeId === null
							? '/toi'
							: `/sang-kien/${r.initiativeId}`,
		createdAt: r.createdAt,
		read: r.readAt !== null
	}));
}

/** The person's latest notices, newest first. */
export function latestNotices(db: Db, personId: number, limit = 50, unreadOnly = false): NoticeView[] {
	return noticeRows(db, and(eq(notifications.personId, personId), unreadOnly ? isNull(notifications.readAt) : undefined), limit);
}

export function noticesByIds(db: Db, ids: number[]): NoticeView[] {
	return ids.length === 0 ? [] : noticeRows(db, inArray(notifications.id, ids), ids.length);
}

export function latestUnreadNotice(db: Db, personId: number): NoticeView | null {
	return latestNotices(db, personId, 1, true)[0] ?? null;
}

/** Marks the person's notices read: these ids, or all of them. Another person's ids are left alone. */
export function markNoticesRead(db: Db, personId: number, now: number, ids?: number[]): number {
	const mine = and(eq(notifications.personId, personId), isNull(notifications.readAt));
	return db
		.update(notifications)
		.set({ readAt: now })
		.where(ids ? and(mine, inArray(notifications.id, ids)) : mine)
		.run().changes;
}

/** The person's own choice: notices by e-mail too, or in the app only. */
export function setEmailNotices(ctx: Pick<ServiceContext, 'db'>, personId: number, on: boolean): void {
	ctx.db.update(people).set({ emailNotices: on }).where(eq(people.id, personId)).run();
}
