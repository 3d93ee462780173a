import { z } from 'zod';
import { ruleSchema } from '../scoring/rules';
import { badgeDefinitionSchema } from '../scoring/badges';
import { CROSS_RULES } from '../initiatives/measures';
import { RECORDED_AS } from '../contributors';
import { TEAM_KIND_CODE } from '../teams';
import { isRealDay } from '../figures/cutoff';
import { AWARD_SUBJECTS } from '../awards/forms';
import { t } from '../../i18n';

/**
 * The campaign file, version 1: a whole campaign as the product stores it, in one JSON document. Codes link
 * the parts (an activity type names its content area by code, a scoring rule its activity type), never
 * database ids, so a file moves between installations. campaigns/README.md documents every field.
 */
export const CAMPAIGN_FORMAT = 'tien-phong/campaign@1';

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('campaignFile.day') })
	.refine(isRealDay, { error: () => t('campaignFile.day') });
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: () => t('campaignFile.code') });
export const levelCode = z.string().regex(/^[a-z_]{2,30}$/, { error: () => t('campaignFile.levelCode') });
const text = (max: number, min = 1) =>
	z
		.string()
		.trim()
		.min(min)
		.max(max)
		.refine((v) => !/[<>\p{Cc}]/u.test(v.replace(/\n/g, '')), { error: () => t('campaignFile.text') });

const measure = z.strictObject({
	code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: () => t('campaignFile.code') }),
	label: text(80),
	unitLabel: text(40),
	kind: z.enum(['integer', 'decimal']).default('integer'),
	min: z
		.number()
		.min(0, { error: () => t('campaignFile.negative') })
		.default(0),
	max: z.number().positive().max(1_000_000_000),
	required: z.boolean().default(true)
});

const crossRule = z.strictObject({
	rule: z.enum(CROSS_RULES),
	left: z.string().min(1).max(40),
	right: z.string().min(1).max(40)
});

const fileRule = ruleSchema.omit({ activityTypeId: true }).extend({ activityType: code });

const area = z.strictObject({
	code,
	name: text(300),
	sectorTags: z.array(text(60)).max(20).default([]),
	subAreas: z
		.array(z.strictObject({ code, name: text(300), sectorTags: z.array(text(60)).max(20).default([]) }))
		.max(30)
		.default([])
});

const awardPeriod = z.union([z.literal('year'), code]);
const awardCount = z.number().int().min(0).max(10_000).optional();

/**
 * Files written before award forms were read said `for` (subjects), `at` (the one period) and `quota: { yearly,
 * phaseI, phaseII }`; campaigns stored from them still hold that shape. They are read into today's shape.
 */
function fromFirstAwardShape(input: unknown): unknown {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
	const { for: subjects, at, quota, ...rest } = input as Record<string, unknown>;
	const out: Record<string, unknown> = { ...rest };
	if (subjects !== undefined && out.subjects === undefined) out.subjects = subjects;
	if (typeof at === 'string' && out.periods === undefined) out.periods = [at];
	if (typeof quota === 'object' && quota !== null && out.quotas === undefined) {
		const q = quota as Record<string, unknown>;
		const split = (v: unknown) => {
			const o = (v ?? {}) as Record<string, unknown>;
			return { collective: o.collectives, individual: o.individuals };
		};
		out.quotas = [
			...(q.yearly !== undefined ? [{ period: 'year', total: q.yearly }] : []),
			...(q.phaseI !== undefined ? [{ period: 'PH1', ...split(q.phaseI) }] : []),
			...(q.phaseII !== undefined ? [{ period: 'PH2', ...split(q.phaseII) }] : [])
		];
	}
	return out;
}

export const awardFormSchema = z.preprocess(
	fromFirstAwardShape,
	z.strictObject({
		code,
		name: text(300),
		grantingBody: text(200, 0).default(''),
		subjects: z.array(z.enum(AWARD_SUBJECTS)).min(1).max(3).default(['collective', 'individual']),
		periods: z.array(awardPeriod).max(20).default([]),
		quotas: z
			.array(
				z.strictObject({
					period: awardPeriod,
					total: awardCount,
					collective: awardCount,
					individual: awardCount,
					household: awardCount
				})
			)
			.max(20)
			.default([]),
		criteria: z.array(text(1000)).max(30).default([]),
		oncePerYear: z.boolean().default(false)
	})
);

export const campaignFileSchema = z.strictObject({
	format: z.literal(CAMPAIGN_FORMAT, { error: () => t('campaignFile.wrongFormat') }),
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,79}$/, { error: () => t('campaignFile.slug') }),
	name: text(200),
	theme: text(300),
	owner: z.strictObject({
		name: text(120),
		shortName: text(60).optional(),
		level: levelCode,
		/** Names of the units above it, root first; empty or absent for a root. */
		within: z.array(text(120)).max(10).default([])
	}),
	startsOn: day,
	endsOn: day,
	timezone: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
	standingOffice: text(300, 0).default(''),
	reportDueOn: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: () => t('campaignFile.monthDay') }),
	grassrootsMayVerify: z.boolean().default(false),
	/** Who takes part; may be empty only for campaigns exported from before campaign files. */
	participantKinds: z
		.array(
			z.strictObject({
				code,
				label: text(120),
				collective: z.boolean(),
				/** Absent: a level's code is a unit, `member` a member, any other kind a contributor (domain/contributors.ts). */
				recordedAs: z.enum(RECORDED_AS).optional()
			})
		)
		.max(30)
		.default([]),
	/** The campaign's own words; an empty one means the portal's built-in word. */
	vocabulary: z
		.strictObject({
			member: text(80, 0).default(''),
			branch: text(80, 0).default(''),
			secretary: text(80, 0).default(''),
			admin: text(120, 0).default(''),
			homeText: text(1000, 0).default('')
		})
		.default({ member: '', branch: '', secretary: '', admin: '', homeText: '' }),
	levels: z
		.array(z.strictObject({ code: levelCode, label: text(80), rank: z.number().int().min(1).max(20), boards: z.boolean().default(true) }))
		.min(1)
		.max(20),
	periods: z
		.array(
			z.strictObject({
				code,
				name: text(120),
				kind: z.enum(['year', 'phase', 'campaign']),
				startsOn: day,
				endsOn: day,
				graceDays: z.number().int().min(0).max(120).default(15)
			})
		)
		.min(1)
		.max(100),
	contentAreas: z.array(area).min(1).max(50),
	activityTypes: z
		.array(
			z.strictObject({
				code,
				area: code,
				name: text(200),
				description: text(1000, 0).default(''),
				active: z.boolean().default(true),
				measures: z.array(measure).min(1).max(10),
				measureRules: z.array(crossRule).max(10).default([])
			})
		)
		.min(1)
		.max(200),
	scoring: z.strictObject({
		effectiveFrom: day,
		note: text(300, 0).default(''),
		rules: z.array(fileRule).min(1).max(200)
	}),
	/**
	 * The campaign's team kinds and the level a team enrols its members from. Absent: the three built-in kinds
	 * (domain/teams.ts) and the rule from before campaign files, the ancestor at depth 1 (also the rule when
	 * `enrolFromLevel` alone is left out).
	 */
	teams: z
		.strictObject({
			kinds: z
				.array(
					z.strictObject({ code: z.string().regex(TEAM_KIND_CODE, { error: () => t('campaignFile.teamKindCode') }), label: text(120) })
				)
				.min(1)
				.max(20),
			enrolFromLevel: levelCode.optional()
		})
		.optional(),
	badges: z
		.array(badgeDefinitionSchema.extend({ active: z.boolean().default(true) }))
		.max(100)
		.default([]),
	/** The award forms it gives, to whom, when and within which quotas (domain/awards/forms.ts). */
	awardForms: z.array(awardFormSchema).max(50).optional(),
	/** Who reports to whom by when: `levels` and `dueOn` ("MM-DD") are read by the reports (domain/reports/rules.ts). */
	reportDeadlines: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
	/** Stock indicators: values units enter at a date, shown as the latest value (domain/figures/stocks.ts). */
	indicators: z
		.array(
			z.strictObject({
				code,
				label: text(200),
				unitLabel: text(40),
				ratioToMembers: z.boolean().default(false),
				verifiedByLevelAbove: z.boolean().default(false),
				percent: z.boolean().default(false)
			})
		)
		.max(30)
		.refine((list) => new Set(list.map((i) => i.code)).size === list.length, { error: () => t('campaignFile.indicatorCodes') })
		.optional(),
	/** Yearly scores other bodies publish (the "Bộ chỉ số đánh giá Chính quyền số"), imported per unit (domain/figures/external.ts). */
	externalIndices: z
		.array(z.strictObject({ code, name: text(200) }))
		.max(10)
		.refine((list) => new Set(list.map((i) => i.code)).size === list.length, { error: () => t('campaignFile.indicatorCodes') })
		.optional(),
	/** Groups of units counted apart (khối); `excludeFromShares` leaves their members out of shares (domain/units/tags.ts). */
	unitTags: z
		.array(z.strictObject({ code, label: text(120), excludeFromShares: z.boolean().default(false) }))
		.max(20)
		.refine((list) => new Set(list.map((i) => i.code)).size === list.length, { error: () => t('campaignFile.indicatorCodes') })
		.optional()
});

/** A file as written (defaults may be left out). */
export type CampaignFileInput = z.input<typeof campaignFileSchema>;
/** A file once read: every default filled in. */
export type CampaignFile = z.output<typeof campaignFileSchema>;
export type FileActivityType = CampaignFile['activityTypes'][number];
export type FileRule = CampaignFile['scoring']['rules'][number];
