import type { StockIndicator } from '../../../domain/figures/stocks';
import type { ExternalIndex } from '../../../domain/figures/external';
import type { UnitTag } from '../../../domain/units/tags';
import { sqliteTable, integer, text, uniqueIndex, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { unitLevels, units } from './units';
import type { RecordedAs } from '../../../domain/contributors';
import type { TeamKindDef } from '../../../domain/teams';

export interface ParticipantKind {
	code: string;
	label: string;
	collective: boolean;
	/** How the portal records the kind (absent: derived, see domain/contributors.ts). */
	recordedAs?: RecordedAs;
}

/** The campaign's own words for its people and units (a commune says "người dân", a union "đoàn viên"). */
export interface CampaignVocabulary {
	member: string;
	branch: string;
	secretary: string;
	admin: string;
	homeText: string;
}

/** The campaign file's teams section. Absent: the built-in kinds and the depth-1 rule (domain/teams.ts). */
export interface StoredTeamSettings {
	kinds: TeamKindDef[];
	enrolFromLevel?: string;
}

export const campaigns = sqliteTable('campaigns', {
	id: integer().primaryKey({ autoIncrement: true }),
	slug: text().notNull().unique(),
	name: text().notNull(),
	theme: text().notNull(),
	ownerUnitId: integer()
		.notNull()
		.references(() => units.id),
	timezone: text().notNull().default('Asia/Ho_Chi_Minh'),
	participantKinds: text({ mode: 'json' }).$type<ParticipantKind[]>().notNull(),
	startsOn: text().notNull(),
	endsOn: text().notNull(),
	/** Whether grassroots unions may verify their own branches' initiatives (else only district level and up). */
	grassrootsMayVerify: integer({ mode: 'boolean' }).notNull().default(false),
	/** Yearly report deadline as "MM-DD". */
	reportDueOn: text().notNull(),
	/** Who runs the campaign day to day ("Văn phòng Tỉnh đoàn"). */
	standingOffice: text().notNull().default(''),
	/** Empty for campaigns made before campaign files: pages then use their built-in words. */
	vocabulary: text({ mode: 'json' }).$type<Partial<CampaignVocabulary>>().notNull().default({}),
	/** Its team kinds and the level teams enrol from (the file's `teams` section); null: the built-in ones. */
	teamSettings: text({ mode: 'json' }).$type<StoredTeamSettings>(),
	/** The file's award forms as stored; read through `server/awards/forms.ts`, which also reads the first shape. */
	awardForms: text({ mode: 'json' }).$type<Array<Record<string, unknown>>>(),
	/** Who reports to whom by when (`domain/reports/rules.ts` reads the levels and days). */
	reportDeadlines: text({ mode: 'json' }).$type<Array<Record<string, unknown>>>(),
	/** Values units enter at a date (the file's `indicators`); null: none. */
	stockIndicators: text({ mode: 'json' }).$type<StockIndicator[]>(),
	/** Yearly scores other bodies publish, imported per unit (the file's `externalIndices`); null: none. */
	externalIndices: text({ mode: 'json' }).$type<ExternalIndex[]>(),
	/** The groups of units (khối) it counts apart (the file's `unitTags`); null: none. */
	unitTags: text({ mode: 'json' }).$type<UnitTag[]>(),
	createdAt: integer().notNull()
});

/** The unit levels a campaign uses, with its own label and rank, and whether they get leaderboards. */
export const campaignLevels = sqliteTable(
	'campaign_levels',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		levelCode: text()
			.notNull()
			.references(() => unitLevels.code),
		label: text().notNull(),
		rank: integer().notNull(),
		boards: integer({ mode: 'boolean' }).notNull().default(true),
		position: integer().notNull()
	},
	(t) => [uniqueIndex('campaign_levels_idx').on(t.campaignId, t.levelCode)]
);

/**
 * Units that take part in a campaign outside its owner's own tree, each with its whole subtree (the UBND
 * tỉnh's campaign joined by the Tỉnh đoàn's district unions). The owner's subtree always takes part and has
 * no rows here: a campaign belongs to its owner, so "the owner's tree joins on import" needs no copy that
 * could drift when units move. Participation follows the tree as it is now (a unit moved under a joined
 * unit takes part from then on) and is not limited by the campaign's levels, which only name and rank
 * units on its pages. See domain/campaigns/participation.ts.
 */
export const campaignUnits = sqliteTable(
	'campaign_units',
	{
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		/** The day the unit joined (dd/mm/yyyy on pages); recorded, not used to refuse older work. */
		joinedOn: text().notNull(),
		createdAt: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.unitId] }), index('campaign_units_unit_idx').on(t.unitId)]
);

/** Which units carry a campaign's tag (khối); the tag covers each one's subtree. */
export const unitTagAssignments = sqliteTable(
	'unit_tag_assignments',
	{
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		tagCode: text().notNull(),
		unitId: integer()
			.notNull()
			.references(() => units.id)
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.tagCode, t.unitId] })]
);
