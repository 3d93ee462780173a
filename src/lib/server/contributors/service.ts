import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { campaignLevels, campaigns, contributors, initiativeContributors, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { CONTRIBUTORS_MAX, NEW_CONTRIBUTORS_MAX, checkContributorName, contributorKinds, type KindLike } from '../../domain/contributors';
import { t } from '../../i18n';
import { toSearchText } from '../../text';

/** What the form sends: contributors picked from the unit's list and new ones typed (kind code + name). */
export interface ContributorPick {
	ids: number[];
	added: Array<{ kind: string; name: string }>;
}

/** Checked and ready to write: existing ids, and new names with their kind. */
export interface ContributorPlan {
	campaignId: number;
	ids: number[];
	added: Array<{ kind: KindLike; name: string }>;
}

/** The campaign's participant kinds recorded as contributors (households, outside collectives and persons...). */
export function campaignContributorKinds(db: Db, campaignId: number): KindLike[] {
	const campaign = db.select({ kinds: campaigns.participantKinds }).from(campaigns).where(eq(campaigns.id, campaignId)).get();
	if (!campaign) return [];
	const levels = db.select({ code: campaignLevels.levelCode }).from(campaignLevels).where(eq(campaignLevels.campaignId, campaignId)).all();
	return contributorKinds(campaign.kinds, new Set(levels.map((l) => l.code)));
}

/** Contributors of the campaign recorded in the unit or below it, by name. */
export function contributorsWithin(db: Db, campaignId: number, unitPath: string, limit = 500) {
	const kinds = new Map(campaignContributorKinds(db, campaignId).map((k) => [k.code, k.label]));
	return db
		.select({ id: contributors.id, name: contributors.name, kind: contributors.kind, unitName: units.name })
		.from(contributors)
		.innerJoin(units, eq(units.id, contributors.unitId))
		.where(and(eq(contributors.campaignId, campaignId), like(units.path, `${unitPath.replace(/[%_\\]/g, '')}%`)))
		.orderBy(asc(contributors.searchName), asc(contributors.id))
		.limit(limit)
		.all()
		.map((c) => ({ ...c, kindLabel: kinds.get(c.kind) ?? c.kind }));
}

/** What the form's contributor section offers for one unit in one campaign. */
export function contributorOptions(db: Db, campaignId: number | null, unitPath: string) {
	if (campaignId === null) return { kinds: [], existing: [] };
	return {
		kinds: campaignContributorKinds(db, campaignId).map((k) => ({ code: k.code, label: k.label })),
		existing: contributorsWithin(db, campaignId, unitPath)
	};
}

/**
 * Checks a pick against the campaign of the work and the initiative's unit: every kind one of the campaign's
 * contributor kinds, every name plain text, every picked contributor of this campaign and recorded in the unit
 * or below it, and no more than the limit. Errors go on the `contributors` field.
 */
export function checkContributors(
	db: Db,
	pick: ContributorPick,
	campaignId: number,
	unitPath: string
): { ok: true; plan: ContributorPlan } | { ok: false; error: string } {
	if (pick.ids.length + pick.added.length > CONTRIBUTORS_MAX || pick.added.length > NEW_CONTRIBUTORS_MAX)
		return { ok: false, error: t('contributor.tooMany', { max: CONTRIBUTORS_MAX }) };
	const kinds = new Map(campaignContributorKinds(db, campaignId).map((k) => [k.code, k]));
	const added: ContributorPlan['added'] = [];
	for (const row of pick.added) {
		const checked = checkContributorName(row.name);
		if (!checked.ok) return { ok: false, error: t(`contributor.name.${checked.problem}`, { name: row.name.trim().slice(0, 40) }) };
		const kind = kinds.get(row.kind);
		if (!kind) return { ok: false, error: t('contributor.unknownKind', { kind: row.kind.slice(0, 40) }) };
		added.push({ kind, name: checked.name });
	}
	if (pick.ids.length > 0) {
		const found = db
			.select({ id: contributors.id })
			.from(contributors)
			.innerJoin(units, eq(units.id, contributors.unitId))
			.where(
				and(
					inArray(contributors.id, pick.ids),
					eq(contributors.campaignId, campaignId),
					sql`substr(${units.path}, 1, length(${unitPath})) = ${unitPath}`
				)
			)
			.all();
		if (found.length !== new Set(pick.ids).size) return { ok: false, error: t('contributor.outOfScope') };
	}
	return { ok: true, plan: { campaignId, ids: [...new Set(pick.ids)], added } };
}

/**
 * Records new contributors at the initiative's unit (a name typed again for the same unit and kind finds the
 * one already there) and replaces the initiative's links. Synchronous: runs inside the save's transaction.
 */
export function writeContributors(db: Db, initiativeId: number, unitId: number, plan: ContributorPlan, by: number | null, now: number) {
	const ids = new Set(plan.ids);
	for (const row of plan.added) {
		const searchName = toSearchText(row.name);
		db.insert(contributors)
			.values({
				campaignId: plan.campaignId,
				kind: row.kind.code,
				name: row.name,
				collective: row.kind.collective,
				unitId,
				createdAt: now,
				createdBy: by,
				searchName
			})
			.onConflictDoNothing()
			.run();
		const found = db
			.select({ id: contributors.id })
			.from(contributors)
			.where(
				and(
					eq(contributors.campaignId, plan.campaignId),
					eq(contributors.unitId, unitId),
					eq(contributors.kind, row.kind.code),
					eq(contributors.searchName, searchName)
				)
			)
			.get()!;
		ids.add(found.id);
	}
	db.delete(initiativeContributors).where(eq(initiativeContributors.initiativeId, initiativeId)).run();
	for (const contributorId of ids) db.insert(initiativeContributors).values({ initiativeId, contributorId }).run();
}

/** The contributors recorded on an initiative, with their kind's label, by name. */
export function contributorsOf(db: Db, initiativeId: number) {
	const rows = db
		.select({ id: contributors.id, name: contributors.name, kind: contributors.kind, campaignId: contributors.campaignId })
		.from(initiativeContributors)
		.innerJoin(contributors, eq(contributors.id, initiativeContributors.contributorId))
		.where(eq(initiativeContributors.initiativeId, initiativeId))
		.orderBy(asc(contributors.searchName), asc(contributors.id))
		.all();
	const labels = new Map<number, Map<string, string>>();
	return rows.map((r) => {
		if (!labels.has(r.campaignId))
			labels.set(r.campaignId, new Map(campaignContributorKinds(db, r.campaignId).map((k) => [k.code, k.label])));
		return { id: r.id, name: r.name, kind: r.kind, kindLabel: labels.get(r.campaignId)!.get(r.kind) ?? r.kind };
	});
}

const contributorsLinked = (db: Db) =>
	db
		.select({ id: initiativeContributors.contributorId })
		.from(initiativeContributors)
		.where(eq(initiativeContributors.initiativeId, sql.placeholder('initiativeId')))
		.orderBy(asc(initiativeContributors.contributorId))
		.prepare();

/** Ids linked to an initiative: what an approval's snapshot records. */
export function contributorIdsOf(db: Db, initiativeId: number): number[] {
	return prepared(db, contributorsLinked)
		.all({ initiativeId })
		.map((r) => r.id);
}
