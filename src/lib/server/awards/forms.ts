import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { campaigns } from '../db/schema';
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
