import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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

/**
 * What the `vocabulary` column holds: the words, and under `teams` the campaign file's teams section (its team kinds
 * are the campaign's words for its teams; the enrolment level rides along) — kept there to need no migration.
 * Absent: the built-in kinds and the depth-1 rule (domain/teams.ts).
 */
export type StoredVocabulary = Partial<CampaignVocabulary> & { teams?: { kinds: TeamKindDef[]; enrolFromLevel?: string } };

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
	vocabulary: text({ mode: 'json' }).$type<StoredVocabulary>().notNull().default({}),
	/** Reserved (campaign file format 1 keeps them as written; nothing reads them yet). */
	awardForms: text({ mode: 'json' }).$type<Array<Record<string, unknown>>>(),
	reportDeadlines: text({ mode: 'json' }).$type<Array<Record<string, unknown>>>(),
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
