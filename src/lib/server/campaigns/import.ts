import { and, asc, count, desc, eq, gte, inArray, isNull, like, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	activityMeasures,
	activityTypes,
	badgeAwards,
	badgeDefinitions,
	campaignLevels,
	campaigns,
	contentAreas,
	initiativeMeasures,
	initiatives,
	periodStandings,
	reports,
	unitTargets,
	reportRequests,
	nominations,
	periods,
	pointEntries,
	ruleSets,
	teams,
	unitLevels,
	units
} from '../db/schema';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { pathFor } from '../../domain/units/tree';
import { checkRuleSet, type RuleSetDefinition } from '../../domain/scoring/rules';
import type { CampaignFile } from '../../domain/campaigns/format';
import { campaignPlan, type CampaignPlan, type FileProblem } from '../../domain/campaigns/validate';
import { toSearchText } from '../../text';
import { defaultTeamSettings } from '../../domain/teams';
import { t } from '../../i18n';

export interface ImportOptions {
	/** The unit that owns a new campaign, when the file's owner is not in this database (the admin picks it). */
	ownerUnitId?: number;
	/** Check everything and report what would happen, then roll it all back. */
	dryRun?: boolean;
	/** The editors (editors.ts) record what the admin did instead of "updated from a file". */
	audit?: { action: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
}

export type ImportOutcome =
	| { ok: true; campaignId: number; created: boolean; plan: CampaignPlan; changes: string[]; ownerUnitId: number; dryRun: boolean }
	| { ok: false; errors: FileProblem[] };

/** Thrown inside the transaction so that a refusal found half-way rolls everything back. */
class Refused extends Error {
	constructor(readonly errors: FileProblem[]) {
		super('campaign import refused');
	}
}
class DryRunDone extends Error {
	constructor(readonly outcome: ImportOutcome) {
		super('dry run');
	}
}

/** Who runs the import: an admin (audited as them) or the server's operator at the command line (actor null). */
export type ImportActor = Omit<ServiceContext, 'db'>;

/**
 * Creates a campaign from a checked file, or brings the campaign with the same slug in line with it, in one
 * synchronous transaction: a refusal anywhere (an owner not found, something to delete that has initiatives
 * or ledger rows behind it) leaves the database as it was. Authorization is the caller's (see service.ts).
 */
export function importCampaign(db: Db, file: CampaignFile, by: ImportActor, options: ImportOptions = {}): ImportOutcome {
	try {
		return db.transaction(
			() => {
				// The connection itself, not drizzle's tx: prepared statements (the audit's) are cached per connection.
				const outcome = write(db, file, by, options);
				if (options.dryRun) throw new DryRunDone(outcome);
				return outcome;
			},
			{ behavior: 'immediate' }
		);
	} catch (e) {
		if (e instanceof Refused) return { ok: false, errors: e.errors };
		if (e instanceof DryRunDone) return e.outcome;
		throw e;
	}
}

/** The campaign's unit: the one named in the file, the one the admin picked, or (empty database) a new root. */
export function resolveOwner(db: Db, owner: CampaignFile['owner'], ownerUnitId?: number): { id: number } | { create: true } | FileProblem {
	if (ownerUnitId !== undefined) {
		const unit = db.select().from(units).where(eq(units.id, ownerUnitId)).get();
		return unit?.active ? { id: unit.id } : { path: 'owner', message: t('campaignImport.ownerPicked') };
	}
	const candidates = db
		.select()
		.from(units)
		.where(and(eq(units.name, owner.name), eq(units.level, owner.level), eq(units.active, true)))
		.all()
		.filter((u) => {
			const ids = u.path.split('/').filter(Boolean).map(Number).slice(0, -1);
			if (owner.within.length === 0) return true;
			if (ids.length !== owner.within.length) return false;
			const names = new Map(
				db
					.select({ id: units.id, name: units.name })
					.from(units)
					.where(inArray(units.id, ids))
					.all()
					.map((r) => [r.id, r.name])
			);
			return ids.every((id, i) => names.get(id) === owner.within[i]);
		});
	if (candidates.length === 1) return { id: candidates[0]!.id };
	if (candidates.length > 1) return { path: 'owner', message: t('campaignImport.ownerAmbiguous', { name: owner.name }) };
	const anyUnit = db.select({ n: count() }).from(units).get()!.n > 0;
	if (!anyUnit && owner.within.length === 0) return { create: true };
	return { path: 'owner', message: t('campaignImport.ownerMissing', { name: owner.name }) };
}

function write(db: Db, file: CampaignFile, by: ImportActor, options: ImportOptions): ImportOutcome {
	const changes: string[] = [];
	const existing = db.select().from(campaigns).where(eq(campaigns.slug, file.slug)).get();

	for (const level of file.levels) {
		const known = db.select().from(unitLevels).where(eq(unitLevels.code, level.code)).get();
		if (!known) {
			db.insert(unitLevels).values({ code: level.code, label: level.label, rank: level.rank }).run();
			changes.push(t('campaignImport.newLevel', { code: level.code, label: level.label }));
		}
	}

	let ownerUnitId: number;
	if (existing) ownerUnitId = existing.ownerUnitId;
	else {
		const owner = resolveOwner(db, file.owner, options.ownerUnitId);
		if ('message' in owner) throw new Refused([owner]);
		if ('create' in owner) {
			const row = db
				.insert(units)
				.values({
					parentId: null,
					level: file.owner.level,
					name: file.owner.name,
					shortName: file.owner.shortName ?? file.owner.name,
					path: `/pending-root/`,
					depth: 0,
					createdAt: by.now,
					searchName: toSearchText(`${file.owner.name} ${file.owner.shortName ?? ''}`)
				})
				.returning({ id: units.id })
				.get();
			db.update(units)
				.set({ path: pathFor(null, row.id) })
				.where(eq(units.id, row.id))
				.run();
			ownerUnitId = row.id;
			changes.push(t('campaignImport.newRoot', { name: file.owner.name }));
		} else ownerUnitId = owner.id;
	}

	const basics = {
		name: file.name,
		theme: file.theme,
		timezone: file.timezone,
		participantKinds: file.participantKinds,
		startsOn: file.startsOn,
		endsOn: file.endsOn,
		grassrootsMayVerify: file.grassrootsMayVerify,
		reportDueOn: file.reportDueOn,
		standingOffice: file.standingOffice,
		vocabulary: file.vocabulary,
		teamSettings: file.teams ?? null,
		awardForms: file.awardForms ?? null,
		reportDeadlines: file.reportDeadlines ?? null,
		stockIndicators: file.indicators ?? null,
		externalIndices: file.externalIndices ?? null,
		unitTags: file.unitTags ?? null
	};
	let campaignId: number;
	if (existing) {
		campaignId = existing.id;
		const was = Object.fromEntries(Object.keys(basics).map((k) => [k, existing[k as keyof typeof existing]]));
		if (!sameJson(was, basics)) {
			db.update(campaigns).set(basics).where(eq(campaigns.id, campaignId)).run();
			const { teamSettings: teamsWere, ...basicsWere } = was;
			const { teamSettings: teamsNow, ...basicsNow } = basics;
			if (!sameJson(basicsWere, basicsNow)) changes.push(t('campaignImport.changedBasics'));
			if (!sameJson(teamsWere ?? null, teamsNow)) changes.push(t('campaignImport.changedTeams'));
		}
	} else {
		campaignId = db
			.insert(campaigns)
			.values({ slug: file.slug, ownerUnitId, createdAt: by.now, ...basics })
			.returning({ id: campaigns.id })
			.get().id;
	}

	const levelsBefore = db
		.select({ code: campaignLevels.levelCode, label: campaignLevels.label, rank: campaignLevels.rank, boards: campaignLevels.boards })
		.from(campaignLevels)
		.where(eq(campaignLevels.campaignId, campaignId))
		.orderBy(asc(campaignLevels.position))
		.all();
	if (!sameJson(levelsBefore, file.levels)) {
		db.delete(campaignLevels).where(eq(campaignLevels.campaignId, campaignId)).run();
		file.levels.forEach((l, position) =>
			db.insert(campaignLevels).values({ campaignId, levelCode: l.code, label: l.label, rank: l.rank, boards: l.boards, position }).run()
		);
		if (existing) changes.push(t('campaignImport.changedLevels'));
	}

	const problems: FileProblem[] = [];
	if (existing) keepKindsInUse(db, existing, ownerUnitId, file, problems);
	writePeriods(db, campaignId, file, problems, changes);
	const areaIds = writeAreas(db, campaignId, file, changes);
	const typeIds = writeTypes(db, campaignId, file, areaIds, by.now, problems, changes);
	deleteAreasNotInFile(db, campaignId, file, problems, changes);
	writeBadges(db, campaignId, file, problems, changes);
	if (problems.length) throw new Refused(problems);

	writeRules(db, campaignId, file, typeIds, by, changes);

	recordAudit(db, by, {
		action: options.audit?.action ?? (existing ? 'campaign.update_from_file' : 'campaign.import'),
		targetType: 'campaign',
		targetId: campaignId,
		unitId: ownerUnitId,
		before: options.audit?.before ?? null,
		after: options.audit ? { ...options.audit.after, changes } : { slug: file.slug, changes: changes.length }
	});
	return { ok: true, campaignId, created: !existing, plan: campaignPlan(file), changes, ownerUnitId, dryRun: !!options.dryRun };
}

/**
 * A team kind the campaign listed and the file drops is refused while a team in the campaign's tree has it (the
 * team would lose its kind). Kinds no longer listed that teams kept from before are not the file's concern.
 */
function keepKindsInUse(
	db: Db,
	existing: typeof campaigns.$inferSelect,
	ownerUnitId: number,
	file: CampaignFile,
	problems: FileProblem[]
): void {
	const was = (existing.teamSettings ?? defaultTeamSettings()).kinds.map((k) => k.code);
	const now = new Set((file.teams ?? defaultTeamSettings()).kinds.map((k) => k.code));
	const dropped = was.filter((k) => !now.has(k));
	if (dropped.length === 0) return;
	const root = db.select({ path: units.path }).from(units).where(eq(units.id, ownerUnitId)).get()!;
	const used = db
		.selectDistinct({ kind: teams.kind })
		.from(teams)
		.innerJoin(units, eq(units.id, teams.unitId))
		.where(and(inArray(teams.kind, dropped), like(units.path, `${root.path}%`)))
		.all();
	for (const { kind } of used) problems.push({ path: 'teams.kinds', message: t('campaignImport.cannotDeleteTeamKind', { code: kind }) });
}

/** Ledger rows of this campaign's initiatives with an activity date in [from, to]. */
export function ledgerRowsBetween(db: Db, campaignId: number, from: string, to: string): number {
	return db
		.select({ n: count() })
		.from(pointEntries)
		.innerJoin(initiatives, eq(initiatives.id, pointEntries.initiativeId))
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.where(and(eq(activityTypes.campaignId, campaignId), gte(pointEntries.activityDate, from), lte(pointEntries.activityDate, to)))
		.get()!.n;
}

function writePeriods(db: Db, campaignId: number, file: CampaignFile, problems: FileProblem[], changes: string[]): void {
	const stored = db.select().from(periods).where(eq(periods.campaignId, campaignId)).all();
	file.periods.forEach((p, i) => {
		const old = stored.find((s) => s.code === p.code);
		if (!old) {
			db.insert(periods)
				.values({ campaignId, ...p })
				.run();
			return void changes.push(t('campaignImport.newPeriod', { name: p.name }));
		}
		const datesMove = old.startsOn !== p.startsOn || old.endsOn !== p.endsOn;
		if (
			datesMove &&
			(old.status !== 'open' ||
				ledgerRowsBetween(db, campaignId, [old.startsOn, p.startsOn].sort()[0]!, [old.endsOn, p.endsOn].sort()[1]!) > 0)
		)
			problems.push({ path: `periods[${i}]`, message: t('campaignImport.periodHasPoints', { code: p.code }) });
		if (datesMove || old.name !== p.name || old.kind !== p.kind || old.graceDays !== p.graceDays) {
			db.update(periods)
				.set({ name: p.name, kind: p.kind, startsOn: p.startsOn, endsOn: p.endsOn, graceDays: p.graceDays })
				.where(eq(periods.id, old.id))
				.run();
			changes.push(t('campaignImport.changedPeriod', { name: p.name }));
		}
	});
	for (const old of stored) {
		if (file.periods.some((p) => p.code === old.code)) continue;
		const standings = db.select({ n: count() }).from(periodStandings).where(eq(periodStandings.periodId, old.id)).get()!.n;
		const reported = db.select({ n: count() }).from(reports).where(eq(reports.periodId, old.id)).get()!.n;
		const registered = db.select({ n: count() }).from(unitTargets).where(eq(unitTargets.periodId, old.id)).get()!.n;
		const requested = db.select({ n: count() }).from(reportRequests).where(eq(reportRequests.periodId, old.id)).get()!.n;
		const nominated = db.select({ n: count() }).from(nominations).where(eq(nominations.periodId, old.id)).get()!.n;
		if (
			old.status !== 'open' ||
			standings > 0 ||
			reported + registered + requested + nominated > 0 ||
			ledgerRowsBetween(db, campaignId, old.startsOn, old.endsOn) > 0
		) {
			problems.push({ path: 'periods', message: t('campaignImport.cannotDeletePeriod', { code: old.code }) });
			continue;
		}
		db.delete(periods).where(eq(periods.id, old.id)).run();
		changes.push(t('campaignImport.deletedPeriod', { name: old.name }));
	}
}

function writeAreas(db: Db, campaignId: number, file: CampaignFile, changes: string[]): Map<string, number> {
	const ids = new Map<string, number>();
	const upsert = (a: { code: string; name: string; sectorTags: string[] }, parentId: number | null) => {
		const old = db
			.select()
			.from(contentAreas)
			.where(and(eq(contentAreas.campaignId, campaignId), eq(contentAreas.code, a.code)))
			.get();
		if (old) {
			if (old.name !== a.name || old.parentId !== parentId || JSON.stringify(old.sectorTags) !== JSON.stringify(a.sectorTags)) {
				db.update(contentAreas).set({ name: a.name, parentId, sectorTags: a.sectorTags }).where(eq(contentAreas.id, old.id)).run();
				changes.push(t('campaignImport.changedArea', { code: a.code }));
			}
			ids.set(a.code, old.id);
			return old.id;
		}
		const id = db
			.insert(contentAreas)
			.values({ campaignId, code: a.code, name: a.name, parentId, sectorTags: a.sectorTags })
			.returning({ id: contentAreas.id })
			.get().id;
		ids.set(a.code, id);
		changes.push(t('campaignImport.newArea', { code: a.code }));
		return id;
	};
	for (const area of file.contentAreas) {
		const id = upsert(area, null);
		for (const sub of area.subAreas) upsert(sub, id);
	}
	return ids;
}

function deleteAreasNotInFile(db: Db, campaignId: number, file: CampaignFile, problems: FileProblem[], changes: string[]): void {
	const wanted = new Set(file.contentAreas.flatMap((a) => [a.code, ...a.subAreas.map((s) => s.code)]));
	// Children first, so a sub-area never outlives the area it points at.
	const stale = db
		.select()
		.from(contentAreas)
		.where(eq(contentAreas.campaignId, campaignId))
		.orderBy(desc(contentAreas.id))
		.all()
		.filter((a) => !wanted.has(a.code));
	for (const area of stale) {
		const used = db.select({ n: count() }).from(activityTypes).where(eq(activityTypes.contentAreaId, area.id)).get()!.n;
		const children = db.select({ n: count() }).from(contentAreas).where(eq(contentAreas.parentId, area.id)).get()!.n;
		const points = db.select({ n: count() }).from(pointEntries).where(eq(pointEntries.contentArea, area.code)).get()!.n;
		if (used > 0 || children > 0 || points > 0) {
			problems.push({ path: 'contentAreas', message: t('campaignImport.cannotDeleteArea', { code: area.code }) });
			continue;
		}
		db.delete(contentAreas).where(eq(contentAreas.id, area.id)).run();
		changes.push(t('campaignImport.deletedArea', { code: area.code }));
	}
}

function writeTypes(
	db: Db,
	campaignId: number,
	file: CampaignFile,
	areaIds: Map<string, number>,
	now: number,
	problems: FileProblem[],
	changes: string[]
): Map<string, number> {
	const ids = new Map<string, number>();
	file.activityTypes.forEach((type, i) => {
		const fields = {
			contentAreaId: areaIds.get(type.area)!,
			name: type.name,
			description: type.description,
			active: type.active,
			measureRules: type.measureRules
		};
		const old = db
			.select()
			.from(activityTypes)
			.where(and(eq(activityTypes.campaignId, campaignId), eq(activityTypes.code, type.code)))
			.get();
		let id: number;
		if (old) {
			id = old.id;
			const before = JSON.stringify([old.contentAreaId, old.name, old.description, old.active, old.measureRules]);
			if (before !== JSON.stringify(Object.values(fields))) {
				db.update(activityTypes).set(fields).where(eq(activityTypes.id, id)).run();
				changes.push(t('campaignImport.changedType', { name: type.name }));
			}
		} else {
			id = db
				.insert(activityTypes)
				.values({ campaignId, code: type.code, createdAt: now, ...fields })
				.returning({ id: activityTypes.id })
				.get().id;
			changes.push(t('campaignImport.newType', { name: type.name }));
		}
		ids.set(type.code, id);
		const stored = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, id)).all();
		type.measures.forEach((m, position) => {
			const was = stored.find((s) => s.code === m.code);
			const values = { label: m.label, unitLabel: m.unitLabel, kind: m.kind, min: m.min, max: m.max, required: m.required, position };
			if (!was)
				db.insert(activityMeasures)
					.values({ activityTypeId: id, code: m.code, ...values })
					.run();
			else if (Object.entries(values).some(([k, v]) => was[k as keyof typeof was] !== v))
				db.update(activityMeasures).set(values).where(eq(activityMeasures.id, was.id)).run();
		});
		for (const was of stored) {
			if (type.measures.some((m) => m.code === was.code)) continue;
			const used = db.select({ n: count() }).from(initiativeMeasures).where(eq(initiativeMeasures.measureId, was.id)).get()!.n;
			if (used > 0)
				problems.push({
					path: `activityTypes[${i}].measures`,
					message: t('campaignImport.cannotDeleteMeasure', { code: was.code, name: type.name })
				});
			else db.delete(activityMeasures).where(eq(activityMeasures.id, was.id)).run();
		}
	});
	const wanted = new Set(file.activityTypes.map((a) => a.code));
	for (const old of db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaignId)).all()) {
		if (wanted.has(old.code)) continue;
		const used = db.select({ n: count() }).from(initiatives).where(eq(initiatives.activityTypeId, old.id)).get()!.n;
		if (used > 0) {
			problems.push({ path: 'activityTypes', message: t('campaignImport.cannotDeleteType', { name: old.name, code: old.code }) });
			continue;
		}
		db.delete(activityMeasures).where(eq(activityMeasures.activityTypeId, old.id)).run();
		db.delete(activityTypes).where(eq(activityTypes.id, old.id)).run();
		changes.push(t('campaignImport.deletedType', { name: old.name }));
	}
	return ids;
}

/** Badges belong to the installation; a campaign's file owns those it brought (and, for the first campaign, the older ones). */
export function badgesOf(db: Db, campaignId: number) {
	const first = db.select({ id: campaigns.id }).from(campaigns).orderBy(asc(campaigns.id)).get()?.id === campaignId;
	return db
		.select()
		.from(badgeDefinitions)
		.where(
			first
				? or(eq(badgeDefinitions.campaignId, campaignId), isNull(badgeDefinitions.campaignId))
				: eq(badgeDefinitions.campaignId, campaignId)
		)
		.orderBy(asc(badgeDefinitions.position), asc(badgeDefinitions.code))
		.all();
}

function writeBadges(db: Db, campaignId: number, file: CampaignFile, problems: FileProblem[], changes: string[]): void {
	const mine = badgesOf(db, campaignId);
	file.badges.forEach((b, position) => {
		const old = db.select().from(badgeDefinitions).where(eq(badgeDefinitions.code, b.code)).get();
		if (old && !mine.some((m) => m.code === b.code)) {
			problems.push({ path: `badges[${position}].code`, message: t('campaignImport.badgeTaken', { code: b.code }) });
			return;
		}
		const values = { name: b.name, howToEarn: b.howToEarn, icon: b.icon, spec: b.spec, active: b.active, position, campaignId };
		if (old) {
			const was = {
				name: old.name,
				howToEarn: old.howToEarn,
				icon: old.icon,
				spec: old.spec,
				active: old.active,
				position: old.position,
				campaignId: old.campaignId
			};
			if (!sameJson(was, values)) {
				db.update(badgeDefinitions).set(values).where(eq(badgeDefinitions.code, b.code)).run();
				changes.push(t('campaignImport.changedBadge', { name: b.name }));
			}
		} else {
			db.insert(badgeDefinitions)
				.values({ code: b.code, ...values })
				.run();
			changes.push(t('campaignImport.newBadge', { name: b.name }));
		}
	});
	for (const old of mine) {
		if (file.badges.some((b) => b.code === old.code)) continue;
		const awarded = db.select({ n: count() }).from(badgeAwards).where(eq(badgeAwards.badgeCode, old.code)).get()!.n;
		if (awarded > 0) problems.push({ path: 'badges', message: t('campaignImport.cannotDeleteBadge', { name: old.name }) });
		else {
			db.delete(badgeDefinitions).where(eq(badgeDefinitions.code, old.code)).run();
			changes.push(t('campaignImport.deletedBadge', { name: old.name }));
		}
	}
}

/** The file's rules with activity types as ids, as the engine stores them. */
export function definitionFromFile(file: CampaignFile, typeIds: Map<string, number>): RuleSetDefinition {
	return {
		rules: file.scoring.rules.map(({ activityType, ...rule }) => ({ ...rule, activityTypeId: typeIds.get(activityType)! }))
	};
}

/** A new campaign starts with the file's rules in force; changed rules on an existing one wait as a draft for /quan-tri/the-le. */
function writeRules(
	db: Db,
	campaignId: number,
	file: CampaignFile,
	typeIds: Map<string, number>,
	by: ImportActor,
	changes: string[]
): void {
	const definition = definitionFromFile(file, typeIds);
	const catalogue = new Map(
		[...typeIds.values()].map((id) => [
			id,
			new Map(
				db
					.select()
					.from(activityMeasures)
					.where(eq(activityMeasures.activityTypeId, id))
					.all()
					.map((m) => [m.code, m.max])
			)
		])
	);
	const check = checkRuleSet(definition, catalogue);
	if (!check.ok) throw new Refused(check.errors.map((message) => ({ path: 'scoring.rules', message })));
	const latest = db.select().from(ruleSets).where(eq(ruleSets.campaignId, campaignId)).orderBy(desc(ruleSets.version)).get();
	const active = db
		.select()
		.from(ruleSets)
		.where(and(eq(ruleSets.campaignId, campaignId), eq(ruleSets.status, 'active')))
		.orderBy(desc(ruleSets.version))
		.get();
	if (active && sameJson(active.definition, check.value)) return;
	const first = !latest;
	db.insert(ruleSets)
		.values({
			campaignId,
			version: (latest?.version ?? 0) + 1,
			status: first ? 'active' : 'draft',
			effectiveFrom: file.scoring.effectiveFrom,
			definition: check.value,
			note: file.scoring.note,
			createdBy: by.actor?.personId ?? null,
			createdAt: by.now,
			publishedAt: first ? by.now : null
		})
		.run();
	changes.push(first ? t('campaignImport.rulesActive') : t('campaignImport.rulesDraft', { version: (latest?.version ?? 0) + 1 }));
}

function sameJson(a: unknown, b: unknown): boolean {
	const canon = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canon)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.sort(([x], [y]) => x.localeCompare(y))
							.map(([k, w]) => [k, canon(w)])
					)
				: v;
	return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
