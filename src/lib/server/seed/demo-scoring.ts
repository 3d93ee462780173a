import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	activityEvents,
	activityMeasures,
	activityTypes,
	initiativeMeasures,
	initiativeParticipants,
	initiatives,
	memberships,
	pointEntries,
	teamMembers,
	teams,
	units
} from '../db/schema';
import { evaluateBadges } from '../scoring/badges';
import { writeAwards, type ApprovalSnapshot } from '../scoring/ledger';
import { toSearchText } from '../../text';

/** Calendar years, the two phases of seed 000 and a summer drive, as periods of the demo campaign. */
export function demoPeriods(campaignId: number) {
	const years = Array.from({ length: 8 }, (_, i) => 2023 + i).map((y) => ({
		campaignId,
		code: `Y${y}`,
		name: `Năm ${y}`,
		kind: 'year' as const,
		startsOn: `${y}-01-01`,
		endsOn: `${y}-12-31`
	}));
	return [
		...years,
		{ campaignId, code: 'PH1', name: 'Giai đoạn I (2023-2025)', kind: 'phase' as const, startsOn: '2023-07-10', endsOn: '2025-12-31' },
		{ campaignId, code: 'PH2', name: 'Giai đoạn II (2026-2030)', kind: 'phase' as const, startsOn: '2026-01-01', endsOn: '2030-12-31' },
		{
			campaignId,
			code: 'HE2026',
			name: 'Chiến dịch Thanh niên tình nguyện hè 2026',
			kind: 'campaign' as const,
			startsOn: '2026-06-01',
			endsOn: '2026-08-31'
		}
	];
}

type Random = () => number;

/**
 * Approved work spread over 2023-2026 so boards, periods and badges look lived-in. Written the way the app
 * writes it (initiative, event with snapshot, ledger rows through the same pricing), inside the seed's transaction.
 */
export function seedDemoWork(db: Db, campaignId: number, approverId: number, now: number, random: Random): number {
	const branches = db.select().from(units).where(eq(units.level, 'branch')).all();
	const types = db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaignId)).all();
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const start = Date.UTC(2023, 6, 15);
	const end = Math.min(now, Date.UTC(2026, 10, 20));

	// A volunteer team in a third of the grassroots unions, led by one of their members.
	const teamOf = new Map<number, number>();
	for (const [i, branch] of branches.entries()) {
		if (i % 3 !== 0) continue;
		const members = db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.unitId, branch.id)).all();
		if (members.length === 0) continue;
		const name = `Đội hình chuyển đổi số ${branch.shortName.replace(/^CĐ /, '')}`;
		const team = db
			.insert(teams)
			.values({
				name,
				kind: i % 2 ? 'community_tech' : 'digital_volunteer',
				unitId: branch.id,
				leaderId: members[0]!.personId,
				servedPlaces: [branch.shortName.replace(/^CĐ /, '')],
				helpers: [],
				activeFrom: '2023-08-01',
				searchName: toSearchText(name),
				createdAt: start
			})
			.returning({ id: teams.id })
			.get();
		for (const m of members) db.insert(teamMembers).values({ teamId: team.id, personId: m.personId, joinedAt: start }).run();
		teamOf.set(branch.id, team.id);
	}

	let count = 0;
	for (let n = 0; n < 260; n++) {
		const branch = pick(branches);
		approvedDemoWork(
			db,
			campaignId,
			branch,
			pick(types),
			teamOf.get(branch.id) ?? null,
			approverId,
			start + Math.floor(random() * (end - start)),
			random
		);
		count++;
	}
	const subjects = db.selectDistinct({ type: pointEntries.subjectType, id: pointEntries.subjectId }).from(pointEntries).all();
	evaluateBadges(db, [...subjects, ...[...teamOf.values()].map((id) => ({ type: 'team', id }))], now, [campaignId]);
	return count;
}

/**
 * A second campaign's approved work, in the branches of the units that joined it (none elsewhere), over the
 * same years: its boards then differ from the first campaign's. No teams: a team's work stays in the first.
 */
export function seedJoinedCampaignWork(
	db: Db,
	campaignId: number,
	joinedPaths: string[],
	approverId: number,
	now: number,
	random: Random,
	count: number
): number {
	const branches = db
		.select()
		.from(units)
		.where(eq(units.level, 'branch'))
		.all()
		.filter((b) => joinedPaths.some((p) => b.path.startsWith(p)));
	const types = db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaignId)).all();
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const start = Date.UTC(2023, 6, 15);
	const end = Math.min(now, Date.UTC(2026, 10, 20));
	for (let n = 0; n < count; n++)
		approvedDemoWork(db, campaignId, pick(branches), pick(types), null, approverId, start + Math.floor(random() * (end - start)), random);
	const subjects = db
		.selectDistinct({ type: pointEntries.subjectType, id: pointEntries.subjectId })
		.from(pointEntries)
		.where(eq(pointEntries.campaignId, campaignId))
		.all();
	evaluateBadges(db, subjects, now);
	return count;
}

/**
 * One approved initiative of `type` in `branch`, written the way the app writes it: the initiative, its
 * submitted and approved events with the snapshot, and the ledger rows priced by the campaign's rules.
 */
function approvedDemoWork(
	db: Db,
	campaignId: number,
	branch: typeof units.$inferSelect,
	type: typeof activityTypes.$inferSelect,
	teamId: number | null,
	approverId: number,
	at: number,
	random: Random
): void {
	const measures = db
		.select()
		.from(activityMeasures)
		.where(eq(activityMeasures.activityTypeId, type.id))
		.orderBy(activityMeasures.position)
		.all();
	const day = new Date(at + 7 * 3600_000).toISOString().slice(0, 10);
	const members = db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.unitId, branch.id)).all();
	const participants = members.filter(() => random() < 0.5).map((m) => m.personId);
	const values = measures.map((m) => ({
		m,
		value: Math.max(m.min, Math.round(m.max * (m.max > 100 ? 0.004 + random() * 0.03 : 0.02 + random() * 0.08)))
	}));
	// The type's cross-measure rules hold for demo work too (applied ideas never outnumber ideas).
	const ideas = values.find((v) => v.m.code === 'ideas');
	const applied = values.find((v) => v.m.code === 'applied');
	if (ideas && applied) applied.value = Math.min(applied.value, ideas.value);
	const title = `${type.name} — ${branch.name.replace(/^Chi đoàn /, '')}`;
	const initiative = db
		.insert(initiatives)
		.values({
			unitId: branch.id,
			teamId,
			activityTypeId: type.id,
			title,
			story: `Đoàn viên ${branch.name} tổ chức hoạt động “${type.name.toLowerCase()}” cho bà con.\n\nĐây là câu chuyện mẫu để trình diễn.`,
			startedOn: day,
			endedOn: day,
			place: branch.name.replace(/^Chi đoàn /, ''),
			status: 'approved',
			revision: 2,
			authorId: members[0]?.personId ?? approverId,
			createdAt: at,
			updatedAt: at,
			searchTitle: toSearchText(title)
		})
		.returning({ id: initiatives.id })
		.get();
	for (const { m, value } of values) db.insert(initiativeMeasures).values({ initiativeId: initiative.id, measureId: m.id, value }).run();
	for (const personId of participants) db.insert(initiativeParticipants).values({ initiativeId: initiative.id, personId }).run();
	const snapshot: ApprovalSnapshot & Record<string, unknown> = {
		unitId: branch.id,
		unitPath: branch.path,
		teamId,
		activityTypeId: type.id,
		title,
		startedOn: day,
		endedOn: day,
		participantIds: participants,
		measures: values.map(({ m, value }) => ({ measureId: m.id, code: m.code, value, reported: value }))
	};
	db.insert(activityEvents)
		.values({
			initiativeId: initiative.id,
			type: 'submitted',
			snapshot,
			actorId: members[0]?.personId ?? approverId,
			actorUnitId: branch.id,
			at,
			idempotencyKey: `initiative:${initiative.id}:r0:submit`
		})
		.run();
	const approval = db
		.insert(activityEvents)
		.values({
			initiativeId: initiative.id,
			type: 'approved',
			snapshot,
			actorId: approverId,
			actorUnitId: Number(branch.path.split('/')[2]),
			at: at + 86_400_000,
			idempotencyKey: `initiative:${initiative.id}:r1:approve`
		})
		.returning({ id: activityEvents.id })
		.get();
	writeAwards(db, campaignId, { id: approval.id, initiativeId: initiative.id, snapshot, at: at + 86_400_000 });
}
