import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, externalScores } from '../db/schema';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { campaignUnitFinder } from '../units/finder';
import { parseCsv } from '../imports/csv';
import { readScoreTable, type ExternalIndex, type ScoreProblem } from '../../domain/figures/external';
import type { MessageKey } from '../../i18n';

const TEXT_MAX = 200_000;
const ROWS_MAX = 2_000;

export function externalIndicesOf(db: Db, campaignId: number): ExternalIndex[] {
	return db.select({ list: campaigns.externalIndices }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.list ?? [];
}

export type ImportScoresResult = { ok: true; count: number } | { ok: false; error: MessageKey; problems?: ScoreProblem[] };

/**
 * The standing office imports a year's table of an external index: every line must name a unit taking part
 * (its code or exact name) with a score or a rank, else nothing is written and each bad line is listed.
 * The table replaces what that year had, so importing a corrected sheet is the way to fix it.
 */
export function importExternalScores(
	ctx: ServiceContext,
	input: { campaignId: number; indexCode: string; year: string; text: string }
): ImportScoresResult {
	authorizeCampaignConfig(ctx, input.campaignId);
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, input.campaignId)).get()!;
	const index = campaign.externalIndices?.find((i) => i.code === input.indexCode);
	if (!index) return { ok: false, error: 'externalScores.unknownIndex' };
	const year = /^\d{4}$/.test(input.year.trim()) ? Number(input.year) : NaN;
	if (!(year >= Number(campaign.startsOn.slice(0, 4)) && year <= Number(campaign.endsOn.slice(0, 4))))
		return { ok: false, error: 'externalScores.badYear' };
	if (input.text.length > TEXT_MAX) return { ok: false, error: 'externalScores.tooLarge' };
	const parsed = parseCsv(input.text, ROWS_MAX);
	if (!parsed.ok) return { ok: false, error: parsed.reason === 'rows' ? 'externalScores.tooLarge' : 'externalScores.malformed' };

	const read = readScoreTable(parsed.records, campaignUnitFinder(ctx.db, campaign.id));
	if (!read.ok) return { ok: false, error: 'externalScores.refused', problems: read.problems };
	ctx.db.transaction(() => {
		const where = and(eq(externalScores.campaignId, campaign.id), eq(externalScores.indexCode, index.code), eq(externalScores.year, year));
		ctx.db.delete(externalScores).where(where).run();
		for (const row of read.rows)
			ctx.db
				.insert(externalScores)
				.values({
					campaignId: campaign.id,
					indexCode: index.code,
					year,
					unitId: row.unitId,
					score: row.score,
					rank: row.rank,
					importedBy: ctx.actor!.personId,
					importedAt: ctx.now
				})
				.run();
		recordAudit(ctx.db, ctx, {
			action: 'externalScores.import',
			targetType: 'campaign',
			targetId: campaign.id,
			after: { index: index.code, year, units: read.rows.length }
		});
	});
	return { ok: true, count: read.rows.length };
}

/** The years imported for each index of the campaign, newest first. */
export function importedYears(db: Db, campaignId: number): Map<string, number[]> {
	const rows = db.$client
		.prepare('select distinct index_code as code, year from external_scores where campaign_id = ? order by year desc')
		.all(campaignId) as Array<{ code: string; year: number }>;
	const out = new Map<string, number[]>();
	for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), r.year]);
	return out;
}

/**
 * For each index of the campaign, the latest year up to `year` with scores for any of the units, and each
 * unit's score and rank that year: what the figures show beside a unit and its children.
 */
export function latestScores(db: Db, campaignId: number, unitIds: number[], year: number) {
	const indices = externalIndicesOf(db, campaignId);
	if (indices.length === 0 || unitIds.length === 0) return [];
	return indices.flatMap((index) => {
		const latest = db.$client
			.prepare(
				`select max(year) from external_scores where campaign_id = ? and index_code = ? and year <= ?
				and unit_id in (select value from json_each(?))`
			)
			.pluck()
			.get(campaignId, index.code, year, JSON.stringify(unitIds)) as number | null;
		if (latest === null) return [];
		const rows = db
			.select({ unitId: externalScores.unitId, score: externalScores.score, rank: externalScores.rank })
			.from(externalScores)
			.where(
				and(
					eq(externalScores.campaignId, campaignId),
					eq(externalScores.indexCode, index.code),
					eq(externalScores.year, latest),
					inArray(externalScores.unitId, unitIds)
				)
			)
			.all();
		return [{ ...index, year: latest, scores: new Map(rows.map((r) => [r.unitId, { score: r.score, rank: r.rank }])) }];
	});
}
