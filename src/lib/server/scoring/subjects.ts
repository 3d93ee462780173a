import { asc, eq, gt } from 'drizzle-orm';
import { campaignLevels, campaigns, unitLevels, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { boardSubjects, type BoardSubjectOption } from '../../domain/scoring/subjects';
import { hasMessage, t } from '../../i18n';

export type { BoardSubjectOption };

/** A level's words when the campaign gives none: the built-in word pages used before levels were data, else unit_levels'. */
function builtInLabel(code: string, label: string): string {
	const key = `subject.${code}`;
	return hasMessage(key) ? t(key) : label;
}

/**
 * The boards a campaign offers, in order, with its own words: its levels with boards, then teams and members
 * (members in the campaign's vocabulary when it has one). See domain/scoring/subjects for the order and fallback.
 */
export function boardSubjectsOf(db: Db, campaignId: number): BoardSubjectOption[] {
	const levels = db
		.select({
			code: campaignLevels.levelCode,
			label: campaignLevels.label,
			rank: campaignLevels.rank,
			boards: campaignLevels.boards,
			position: campaignLevels.position
		})
		.from(campaignLevels)
		.where(eq(campaignLevels.campaignId, campaignId))
		.all();
	const present =
		levels.length > 0
			? []
			: db
					.selectDistinct({ code: unitLevels.code, label: unitLevels.label, rank: unitLevels.rank })
					.from(units)
					.innerJoin(unitLevels, eq(unitLevels.code, units.level))
					.where(gt(units.depth, 0))
					.orderBy(asc(unitLevels.rank))
					.all()
					.map((l) => ({ ...l, label: builtInLabel(l.code, l.label) }));
	const vocabulary = db.select({ vocabulary: campaigns.vocabulary }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.vocabulary;
	return boardSubjects(levels, present, {
		team: t('subject.team'),
		member: vocabulary?.member || t('subject.member'),
		contributor: prepared(db, creditsContributorsQuery).get({ campaign: campaignId })?.credits ? t('contributor.board') : null
	});
}

/** Whether an active rule set of campaign @campaign credits contributors (only then has it a contributor board). */
const CREDITS_CONTRIBUTORS = `exists (
	select 1 from rule_sets rs, json_each(rs.definition, '$.rules') r, json_each(r.value, '$.credits') c
	 where rs.campaign_id = @campaign and rs.status = 'active' and c.value = 'contributors')`;

const creditsContributorsQuery = (db: Db) =>
	db.$client.prepare<{ campaign: number }, { credits: number }>(`select ${CREDITS_CONTRIBUTORS} as credits`);

/**
 * Whether a board key's subject kind is one the campaign offers, in one prepared statement (it runs on every
 * room:join): members, teams, contributors where the rules credit them, the campaign's levels with boards, or
 * without levels any level used below the root — the same rule as boardSubjects.
 */
const offersSubject = (db: Db) =>
	db.$client.prepare<{ campaign: number; subject: string }, { offered: number }>(
		`select case
			when @subject in ('member', 'team') then 1
			when @subject = 'contributor' then ${CREDITS_CONTRIBUTORS}
			when exists (select 1 from campaign_levels where campaign_id = @campaign)
				then exists (select 1 from campaign_levels where campaign_id = @campaign and level_code = @subject and boards = 1)
			else exists (select 1 from units where level = @subject and depth > 0)
		end as offered`
	);

export function offersBoardSubject(db: Db, campaignId: number, subjectType: string): boolean {
	return prepared(db, offersSubject).get({ campaign: campaignId, subject: subjectType })?.offered === 1;
}
