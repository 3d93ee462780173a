import { and, eq } from 'drizzle-orm';
import { activityEvents, activityTypes, initiatives, pointEntries, recomputeRuns, ruleSets } from '../db/schema';
import { evaluateBadges, type BadgeChange } from './badges';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { capFor, capped, checkRuleSet, evaluate } from '../../domain/scoring/rules';
import { competitionRanks } from '../../domain/scoring/boards';
import { yearOf } from '../../domain/scoring/periods';
import { t, type MessageKey } from '../../i18n';
import { allPeriods } from './periods';
import { boardChanges, boardsFromLedger } from './projection';
import { catalogueOf, scoringSnapshot, type ApprovalSnapshot, type LedgerEntry } from './ledger';

export interface RecomputeLine {
	campaignId: number;
	initiativeId: number;
	eventId: number;
	ruleCode: string;
	subjectType: string;
	subjectId: number;
	activityDate: string;
	scopePath: string;
	contentArea: string | null;
	current: number;
	target: number;
	delta: number;
}

export interface RankChange {
	board: string;
	subjectId: number;
	before: number | null;
	after: number | null;
}

export interface RecomputePreview {
	version: number;
	lines: RecomputeLine[];
	rankChanges: RankChange[];
	badgeChanges: BadgeChange[];
	skippedClosed: number;
}

/** Thrown to roll a dry run back. */
class DryRun extends Error {
	constructor(readonly changes: BadgeChange[]) {
		super('dry run');
	}
}

/**
 * Badges the lines would grant or revoke: the lines are written and badges evaluated inside a transaction
 * that is then rolled back, so the preview uses the same code as the real thing and leaves nothing behind.
 */
function badgeChangesOf(db: Db, lines: RecomputeLine[], version: number): BadgeChange[] {
	if (lines.length === 0) return [];
	try {
		db.transaction(() => {
			for (const [i, line] of lines.entries()) {
				db.insert(pointEntries)
					.values({
						...line,
						points: line.delta,
						ruleSetVersion: version,
						kind: 'recompute',
						recomputeRun: 'preview',
						createdAt: 0,
						idempotencyKey: `preview|${i}`
					})
					.run();
			}
			throw new DryRun(
				evaluateBadges(
					db,
					lines.map((l) => ({ type: l.subjectType, id: l.subjectId })),
					0,
					[...new Set(lines.map((l) => l.campaignId))]
				)
			);
		});
	} catch (err) {
		if (err instanceof DryRun) return err.changes;
		throw err;
	}
	return [];
}

type Key = string;
const keyOf = (initiativeId: number, ruleCode: string, subjectType: string, subjectId: number): Key =>
	`${initiativeId}|${ruleCode}|${subjectType}|${subjectId}`;

/**
 * What pricing every still-approved initiative with `version` would change: one line per (initiative, rule,
 * subject) whose net points differ. Work dated in a closed period is left alone. Pure over the database:
 * nothing is written.
 */
export function previewRecompute(db: Db, campaignId: number, version: number): RecomputePreview | { error: MessageKey; details: string[] } {
	const set = db
		.select()
		.from(ruleSets)
		.where(and(eq(ruleSets.campaignId, campaignId), eq(ruleSets.version, version)))
		.get();
	if (!set) return { error: 'rules.unknownVersion', details: [] };
	const checked = checkRuleSet(set.definition, catalogueOf(db, campaignId));
	if (!checked.ok) return { error: 'rules.invalid', details: checked.errors };
	const periodList = allPeriods(db, campaignId);
	const closed = periodList.filter((p) => p.status === 'closed');
	const inClosed = (day: string) => closed.some((p) => p.startsOn <= day && day <= p.endsOn);

	// Only this campaign's work: another campaign's rules, caps and periods are its own.
	const ofCampaign = new Set(
		db
			.select({ id: initiatives.id })
			.from(initiatives)
			.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
			.where(eq(activityTypes.campaignId, campaignId))
			.all()
			.map((r) => r.id)
	);
	const events = db
		.select()
		.from(activityEvents)
		.orderBy(activityEvents.id)
		.all()
		.filter((e) => ofCampaign.has(e.initiativeId));
	const revoked = new Set(events.filter((e) => e.type === 'revoked').map((e) => e.initiativeId));
	const current = new Map<Key, { sum: number; entry: LedgerEntry }>();
	for (const entry of db.select().from(pointEntries).where(eq(pointEntries.campaignId, campaignId)).orderBy(pointEntries.id).all()) {
		const k = keyOf(entry.initiativeId, entry.ruleCode, entry.subjectType, entry.subjectId);
		const c = current.get(k);
		current.set(k, { sum: (c?.sum ?? 0) + entry.points, entry: c?.entry ?? entry });
	}
	// Caps count per subject, rule and year across the whole run, starting from what stays untouched.
	const capUsed = new Map<string, number>();
	const lines: RecomputeLine[] = [];
	const targets = new Map<Key, RecomputeLine>();
	let skippedClosed = 0;
	for (const event of events) {
		if (event.type !== 'approved' || revoked.has(event.initiativeId)) continue;
		const snapshot = event.snapshot as unknown as ApprovalSnapshot;
		const day = snapshot.endedOn;
		if (inClosed(day)) {
			skippedClosed++;
			for (const c of current.values()) {
				if (c.entry.initiativeId !== event.initiativeId) continue;
				const capKey = `${c.entry.subjectType}|${c.entry.subjectId}|${c.entry.ruleCode}|${yearOf(day)}`;
				capUsed.set(capKey, (capUsed.get(capKey) ?? 0) + c.sum);
			}
			continue;
		}
		for (const credit of evaluate(scoringSnapshot(db, snapshot), checked.value)) {
			const rule = checked.value.rules.find((r) => r.code === credit.ruleCode)!;
			const capKey = `${credit.subjectType}|${credit.subjectId}|${credit.ruleCode}|${yearOf(day)}`;
			const points = capped(credit.points, capFor(rule, credit.subjectType), capUsed.get(capKey) ?? 0);
			capUsed.set(capKey, (capUsed.get(capKey) ?? 0) + points);
			const k = keyOf(event.initiativeId, credit.ruleCode, credit.subjectType, credit.subjectId);
			targets.set(k, {
				campaignId,
				initiativeId: event.initiativeId,
				eventId: event.id,
				ruleCode: credit.ruleCode,
				subjectType: credit.subjectType,
				subjectId: credit.subjectId,
				activityDate: day,
				scopePath: credit.scopePath,
				contentArea:
					current.get(k)?.entry.contentArea ??
					[...current.values()].find((c) => c.entry.initiativeId === event.initiativeId)?.entry.contentArea ??
					null,
				current: current.get(k)?.sum ?? 0,
				target: points,
				delta: points - (current.get(k)?.sum ?? 0)
			});
		}
	}
	const approvedEvent = new Map(events.filter((e) => e.type === 'approved').map((e) => [e.initiativeId, e.id]));
	// Rows priced before but not by this version (another rule code, or no longer credited) go back to zero.
	for (const [k, c] of current) {
		if (targets.has(k) || c.sum === 0 || revoked.has(c.entry.initiativeId) || inClosed(c.entry.activityDate)) continue;
		targets.set(k, {
			campaignId,
			initiativeId: c.entry.initiativeId,
			eventId: approvedEvent.get(c.entry.initiativeId) ?? c.entry.eventId,
			ruleCode: c.entry.ruleCode,
			subjectType: c.entry.subjectType,
			subjectId: c.entry.subjectId,
			activityDate: c.entry.activityDate,
			scopePath: c.entry.scopePath,
			contentArea: c.entry.contentArea,
			current: c.sum,
			target: 0,
			delta: -c.sum
		});
	}
	for (const line of targets.values()) if (line.delta !== 0) lines.push(line);
	lines.sort(
		(a, b) =>
			a.initiativeId - b.initiativeId ||
			a.ruleCode.localeCompare(b.ruleCode) ||
			a.subjectType.localeCompare(b.subjectType) ||
			a.subjectId - b.subjectId
	);
	return { version, lines, rankChanges: rankChangesOf(db, lines), badgeChanges: badgeChangesOf(db, lines, version), skippedClosed };
}

/** Ranks that would change on every board the lines touch. */
function rankChangesOf(db: Db, lines: RecomputeLine[]): RankChange[] {
	if (lines.length === 0) return [];
	const before = boardsFromLedger(db);
	const changes = boardChanges(
		lines.map((l, i) => ({ ...l, id: -1 - i, points: l.delta }) as unknown as LedgerEntry),
		allPeriods(db)
	);
	const touched = new Set(changes.map((c) => c.key));
	const after = new Map<string, Map<string, number>>();
	for (const key of touched) after.set(key, new Map([...(before.get(key) ?? new Map())].map(([id, v]) => [id, v.score])));
	for (const c of changes) {
		const board = after.get(c.key)!;
		const score = (board.get(c.subjectId) ?? 0) + c.delta;
		if (score === 0) board.delete(c.subjectId);
		else board.set(c.subjectId, score);
	}
	const rankMap = (scores: Map<string, number>) => {
		const sorted = [...scores].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]));
		const ranks = competitionRanks(sorted.map(([, s]) => s));
		return new Map(sorted.map(([id], i) => [id, ranks[i]!]));
	};
	const result: RankChange[] = [];
	for (const key of [...touched].sort()) {
		const was = rankMap(new Map([...(before.get(key) ?? new Map())].map(([id, v]) => [id, v.score])));
		const now = rankMap(after.get(key)!);
		for (const id of new Set([...was.keys(), ...now.keys()])) {
			const b = was.get(id) ?? null;
			const a = now.get(id) ?? null;
			if (a !== b) result.push({ board: key, subjectId: Number(id), before: b, after: a });
		}
	}
	return result;
}

export type RecomputeResult = { ok: true; runId: number; entries: LedgerEntry[] } | { ok: false; error: MessageKey; details: string[] };

/**
 * Writes a recompute as compensating rows — exactly the preview's lines, or nothing if the ledger moved
 * since the preview was shown (then a new preview is needed).
 */
export function applyRecompute(ctx: ServiceContext, campaignId: number, version: number, previewed: RecomputeLine[]): RecomputeResult {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction(
		(tx) => {
			const fresh = previewRecompute(ctx.db, campaignId, version);
			if ('error' in fresh) return { ok: false as const, ...fresh };
			if (JSON.stringify(fresh.lines) !== JSON.stringify(previewed))
				return { ok: false as const, error: 'rules.ledgerMoved' as const, details: [] };
			const run = tx
				.insert(recomputeRuns)
				.values({
					ruleSetVersion: version,
					status: 'applied',
					diff: { lines: fresh.lines.length, rankChanges: fresh.rankChanges.length },
					createdBy: ctx.actor?.personId ?? null,
					createdAt: ctx.now,
					appliedAt: ctx.now
				})
				.returning({ id: recomputeRuns.id })
				.get();
			const entries: LedgerEntry[] = [];
			for (const line of fresh.lines) {
				entries.push(
					tx
						.insert(pointEntries)
						.values({
							eventId: line.eventId,
							initiativeId: line.initiativeId,
							campaignId: line.campaignId,
							ruleSetVersion: version,
							ruleCode: line.ruleCode,
							subjectType: line.subjectType,
							subjectId: line.subjectId,
							points: line.delta,
							activityDate: line.activityDate,
							scopePath: line.scopePath,
							contentArea: line.contentArea,
							kind: 'recompute',
							recomputeRun: String(run.id),
							reason: t('rules.recomputeReason', { version }),
							createdAt: ctx.now,
							idempotencyKey: `rc${run.id}|${line.initiativeId}|${line.ruleCode}|${line.subjectType}|${line.subjectId}`
						})
						.returning()
						.get()
				);
			}
			evaluateBadges(
				ctx.db,
				fresh.lines.map((l) => ({ type: l.subjectType, id: l.subjectId })),
				ctx.now,
				[campaignId]
			);
			recordAudit(ctx.db, ctx, {
				action: 'ledger.recompute',
				targetType: 'rule_set',
				targetId: version,
				after: { runId: run.id, lines: fresh.lines.length }
			});
			return { ok: true as const, runId: run.id, entries };
		},
		{ behavior: 'immediate' }
	);
}
