import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaignOwner } from '../campaigns/configure';
import { can } from '../../domain/permissions';
import { campaigns, nominations } from '../db/schema';
import { awardFormSchema } from '../../domain/campaigns/format';
import type { AwardForm } from '../../domain/awards/forms';

/** A campaign's award forms as the file format reads them (campaigns stored from the first shape included). */
export function awardFormsOf(db: Db, campaignId: number): AwardForm[] {
	const stored = db.select({ forms: campaigns.awardForms }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.forms ?? [];
	return stored.flatMap((raw) => {
		const read = awardFormSchema.safeParse(raw);
		return read.success ? [read.data] : [];
	});
}

/** The campaign owner's standing office: it selects within quotas, keeps the council's minutes and records decisions. */
export function officeMayDecide(ctx: ServiceContext, campaignId: number): boolean {
	const owner = campaignOwner(ctx.db, campaignId);
	return !!owner && can(ctx.actor, 'campaign.configure', { kind: 'unit', unit: owner, campaignId });
}

/** What a step of the award path answers: the record it wrote, or why nothing was written. */
export type NominationResult =
	{ ok: true; id: number } | { ok: false; problem: 'forbidden' | 'notFound' | 'invalid' | 'conflict'; error: string };

/** The proposals of a form at a period's review in one state, oldest first: what a council votes on, a decision awards. */
export function proposalsAt(
	db: Db,
	at: { campaignId: number; periodId: number; formCode: string },
	status: (typeof nominations.$inferSelect)['status']
) {
	return db
		.select({ id: nominations.id, createdAt: nominations.createdAt, reviewId: nominations.reviewId })
		.from(nominations)
		.where(
			and(
				eq(nominations.campaignId, at.campaignId),
				eq(nominations.periodId, at.periodId),
				eq(nominations.formCode, at.formCode),
				eq(nominations.status, status)
			)
		)
		.orderBy(asc(nominations.id))
		.all();
}
