import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { badgeAwards, badgeDefinitions } from '../db/schema';
import { subjectNames } from './boards';
import { periodByCode } from './periods';
import { campaignOwner } from '../campaigns/configure';
import { issueCredential } from '../credentials/issue';
import { t } from '../../i18n';

export const badgePath = (id: number) => `/huy-hieu/${id}`;

/** One badge as its verification page and credential show it: holder (public name), level, period, state. */
export function badgeAwardDetails(db: Db, id: number) {
	const row = db
		.select({ award: badgeAwards, definition: badgeDefinitions })
		.from(badgeAwards)
		.innerJoin(badgeDefinitions, eq(badgeDefinitions.code, badgeAwards.badgeCode))
		.where(eq(badgeAwards.id, id))
		.get();
	if (!row) return null;
	const owner = campaignOwner(db, row.definition.campaignId ?? undefined);
	const period =
		row.definition.campaignId && row.award.periodCode !== 'ALL' ? periodByCode(db, row.definition.campaignId, row.award.periodCode) : null;
	return {
		id: row.award.id,
		code: row.definition.code,
		name: row.definition.name,
		icon: row.definition.icon,
		howToEarn: row.definition.howToEarn,
		level: row.award.level,
		periodName: period?.name ?? null,
		holderName: subjectNames(db, row.award.subjectType, [row.award.subjectId]).get(row.award.subjectId)?.name ?? '',
		awardedAt: row.award.awardedAt,
		revoked: row.award.revokedAt === null ? null : { at: row.award.revokedAt, reason: row.award.revokeReason ?? '' },
		owner: owner ? { id: owner.id, name: owner.name } : null
	};
}

export type BadgeAwardDetails = NonNullable<ReturnType<typeof badgeAwardDetails>>;

export function badgeCredential(ctx: Pick<ServiceContext, 'db' | 'now'>, badge: BadgeAwardDetails, origin: string) {
	const level = badge.level > 1 ? ` · ${t('badges.level', { level: badge.level })}` : '';
	return issueCredential(
		ctx,
		{
			id: `${origin}${badgePath(badge.id)}`,
			issuer: { name: badge.owner?.name ?? t('app.name'), url: badge.owner ? `${origin}/don-vi/${badge.owner.id}` : origin },
			achievement: {
				id: `${origin}/huy-hieu#${badge.code}`,
				name: `${badge.name}${level}`,
				description: badge.periodName ? `${badge.name}${level} — ${badge.periodName}` : `${badge.name}${level}`,
				criteria: badge.howToEarn,
				kind: 'Badge'
			},
			recipientName: badge.holderName,
			awardedOn: new Date(badge.awardedAt)
		},
		origin
	);
}
