import { awardFormsOf } from '../awards/forms';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	activityMeasures,
	activityTypes,
	campaignLevels,
	campaigns,
	contentAreas,
	periods,
	ruleSets,
	unitLevels,
	units
} from '../db/schema';
import { badgesOf } from './import';
import { CAMPAIGN_FORMAT, type CampaignFile } from '../../domain/campaigns/format';
import type { RuleSetDefinition } from '../../domain/scoring/rules';
import type { BadgeDefinition } from '../../domain/scoring/badges';

/**
 * The campaign of `slug` as a campaign file (format 1), in the order it was created: importing the result
 * into an empty database and exporting again gives the same document. Null when there is no such campaign.
 */
export function exportCampaign(db: Db, slug: string): CampaignFile | null {
	const campaign = db.select().from(campaigns).where(eq(campaigns.slug, slug)).get();
	if (!campaign) return null;
	const owner = db.select().from(units).where(eq(units.id, campaign.ownerUnitId)).get()!;
	const above = owner.path.split('/').filter(Boolean).map(Number).slice(0, -1);
	const names = new Map(
		above.length
			? db
					.select({ id: units.id, name: units.name })
					.from(units)
					.where(inArray(units.id, above))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);

	let levels = db
		.select({ code: campaignLevels.levelCode, label: campaignLevels.label, rank: campaignLevels.rank, boards: campaignLevels.boards })
		.from(campaignLevels)
		.where(eq(campaignLevels.campaignId, campaign.id))
		.orderBy(asc(campaignLevels.position))
		.all();
	if (levels.length === 0) {
		// A campaign made before campaign files: the levels its units use, every one with boards.
		const used = db
			.selectDistinct({ level: units.level })
			.from(units)
			.all()
			.map((u) => u.level);
		levels = db
			.select()
			.from(unitLevels)
			.where(inArray(unitLevels.code, used.length ? used : ['']))
			.orderBy(asc(unitLevels.rank), asc(unitLevels.code))
			.all()
			.map((l) => ({ code: l.code, label: l.label, rank: l.rank, boards: true }));
	}

	const areas = db.select().from(contentAreas).where(eq(contentAreas.campaignId, campaign.id)).orderBy(asc(contentAreas.id)).all();
	const areaCode = new Map(areas.map((a) => [a.id, a.code]));
	const types = db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaign.id)).orderBy(asc(activityTypes.id)).all();
	const typeCode = new Map(types.map((t) => [t.id, t.code]));
	const rules =
		db
			.select()
			.from(ruleSets)
			.where(and(eq(ruleSets.campaignId, campaign.id), eq(ruleSets.status, 'active')))
			.orderBy(desc(ruleSets.version))
			.get() ?? db.select().from(ruleSets).where(eq(ruleSets.campaignId, campaign.id)).orderBy(desc(ruleSets.version)).get();
	const definition = (rules?.definition ?? { rules: [] }) as RuleSetDefinition;

	const teams = campaign.teamSettings;
	const file: CampaignFile = {
		format: CAMPAIGN_FORMAT,
		slug: campaign.slug,
		name: campaign.name,
		theme: campaign.theme,
		owner: {
			name: owner.name,
			...(owner.shortName !== owner.name ? { shortName: owner.shortName } : {}),
			level: owner.level,
			within: above.map((id) => names.get(id)!)
		},
		startsOn: campaign.startsOn,
		endsOn: campaign.endsOn,
		timezone: campaign.timezone as CampaignFile['timezone'],
		standingOffice: campaign.standingOffice,
		reportDueOn: campaign.reportDueOn,
		grassrootsMayVerify: campaign.grassrootsMayVerify,
		participantKinds: campaign.participantKinds,
		vocabulary: { member: '', branch: '', secretary: '', admin: '', homeText: '', ...campaign.vocabulary },
		levels,
		...(teams ? { teams } : {}),
		periods: db
			.select({
				code: periods.code,
				name: periods.name,
				kind: periods.kind,
				startsOn: periods.startsOn,
				endsOn: periods.endsOn,
				graceDays: periods.graceDays
			})
			.from(periods)
			.where(eq(periods.campaignId, campaign.id))
			.orderBy(asc(periods.id))
			.all(),
		contentAreas: areas
			.filter((a) => a.parentId === null)
			.map((a) => ({
				code: a.code,
				name: a.name,
				sectorTags: a.sectorTags,
				subAreas: areas.filter((s) => s.parentId === a.id).map((s) => ({ code: s.code, name: s.name, sectorTags: s.sectorTags }))
			})),
		activityTypes: types.map((type) => ({
			code: type.code,
			area: areaCode.get(type.contentAreaId)!,
			name: type.name,
			description: type.description,
			active: type.active,
			measures: db
				.select()
				.from(activityMeasures)
				.where(eq(activityMeasures.activityTypeId, type.id))
				.orderBy(asc(activityMeasures.position))
				.all()
				.map((m) => ({ code: m.code, label: m.label, unitLabel: m.unitLabel, kind: m.kind, min: m.min, max: m.max, required: m.required })),
			measureRules: type.measureRules
		})),
		scoring: {
			effectiveFrom: rules?.effectiveFrom ?? campaign.startsOn,
			note: rules?.note ?? '',
			rules: definition.rules.map(({ activityTypeId, ...rule }) => ({
				...rule,
				activityType: typeCode.get(activityTypeId) ?? `#${activityTypeId}`
			}))
		},
		badges: badgesOf(db, campaign.id).map((b) => ({
			code: b.code,
			name: b.name,
			howToEarn: b.howToEarn,
			icon: b.icon as BadgeDefinition['icon'],
			spec: b.spec as BadgeDefinition['spec'],
			active: b.active
		}))
	};
	if (campaign.awardForms) file.awardForms = awardFormsOf(db, campaign.id);
	if (campaign.reportDeadlines) file.reportDeadlines = campaign.reportDeadlines;
	if (campaign.stockIndicators)
		file.indicators = campaign.stockIndicators.map((i) => ({
			...i,
			verifiedByLevelAbove: i.verifiedByLevelAbove ?? false,
			percent: i.percent ?? false
		}));
	if (campaign.externalIndices) file.externalIndices = campaign.externalIndices;
	if (campaign.unitTags) file.unitTags = campaign.unitTags;
	return file;
}
