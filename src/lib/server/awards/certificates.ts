import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, nominations, units } from '../db/schema';
import { evidenceWorksOf } from './evidence';
import { recordAudit } from '../audit';
import { awardFormsOf, officeMayDecide, type NominationResult } from './forms';
import { publishedAwards } from './nominations';
import { recordStep, timelineOf } from './steps';
import { issueCredential } from '../credentials/issue';
import { t } from '../../i18n';

export const awardPath = (id: number) => `/khen-thuong/${id}`;

/**
 * One award as its verification page, certificate and credential show it: the form with its granting body and
 * criteria, the subject, the citation, the decision, the campaign's owner, and whether it has been revoked.
 */
export function awardDetails(db: Db, id: number) {
	const award = publishedAwards({ db }, { awardId: id })[0];
	if (!award) return null;
	const form = awardFormsOf(db, award.campaignId).find((f) => f.code === award.formCode);
	const owner = db
		.select({ id: units.id, name: units.name, campaignName: campaigns.name, slug: campaigns.slug })
		.from(campaigns)
		.innerJoin(units, eq(units.id, campaigns.ownerUnitId))
		.where(eq(campaigns.id, award.campaignId))
		.get()!;
	return {
		...award,
		grantingBody: form?.grantingBody ?? '',
		criteria: form?.criteria ?? [],
		owner: { id: owner.id, name: owner.name },
		campaign: { name: owner.campaignName, slug: owner.slug },
		evidence: evidenceWorksOf(db, award.evidence)(award.evidence),
		timeline: timelineOf(db, id)
	};
}

export type AwardDetails = NonNullable<ReturnType<typeof awardDetails>>;

/** The award as an Open Badges 3.0 credential, signed with the installation's key (the same bytes every time). */
export function awardCredential(ctx: Pick<ServiceContext, 'db' | 'now'>, award: AwardDetails, origin: string) {
	const decided = new Date(`${award.decision.signedOn}T00:00:00+07:00`);
	return issueCredential(
		ctx,
		{
			id: `${origin}${awardPath(award.id)}`,
			issuer: { name: award.owner.name, url: `${origin}/don-vi/${award.owner.id}` },
			achievement: {
				id: `${origin}/khen-thuong?phong-trao=${award.campaign.slug}#${award.formCode}`,
				name: award.formName,
				description: `${award.formName} — ${award.campaign.name}, ${award.periodName}. ${t('awards.decisionLine', {
					number: award.decision.number,
					day: award.decision.signedOn.split('-').reverse().join('/'),
					signer: award.decision.signer
				})}.`,
				criteria: award.criteria.join('\n') || award.formName,
				kind: 'Award'
			},
			recipientName: award.subjectName,
			awardedOn: decided,
			evidence: award.citation
		},
		origin
	);
}

/** The office withdraws an award (false records found after the decision): its page and credential say so. */
export function revokeAward(ctx: ServiceContext, id: number, reason: string): NominationResult {
	const award = awardDetails(ctx.db, id);
	if (!award) return { ok: false, problem: 'notFound', error: t('nomination.notFound') };
	if (!officeMayDecide(ctx, award.campaignId)) return { ok: false, problem: 'forbidden', error: t('nomination.forbiddenDecide') };
	if (award.revoked) return { ok: false, problem: 'conflict', error: t('award.alreadyRevoked') };
	const text = reason.replace(/\r\n?/g, '\n').trim();
	if (text === '' || text.length > 2000) return { ok: false, problem: 'invalid', error: t('award.revokeReason') };
	ctx.db.transaction(() => {
		ctx.db.update(nominations).set({ revokedAt: ctx.now, revokedReason: text }).where(eq(nominations.id, id)).run();
		recordStep(ctx.db, id, 'revoked', award.owner.id, ctx.now, text);
		recordAudit(ctx.db, ctx, { action: 'award.revoke', targetType: 'nomination', targetId: id, after: { reason: text } });
	});
	return { ok: true, id };
}
