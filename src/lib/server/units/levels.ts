import { eq } from 'drizzle-orm';
import { unitLevels } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorizeInstallationConfig } from '../campaigns/configure';
import { recordAudit } from '../audit';
import type { UnitLevelForm } from '../../schemas/campaign-editors';
import { t } from '../../i18n';

export type UnitLevelResult = { ok: true } | { ok: false; errors: Record<string, string> };

/**
 * Adds a level to the installation's tree ("hộ gia đình" below the branch, "hợp tác xã" beside it). Codes are
 * permanent: units, campaign files and badges name levels by code, so a level is added, never renamed away.
 */
export function addUnitLevel(ctx: ServiceContext, input: UnitLevelForm): UnitLevelResult {
	authorizeInstallationConfig(ctx);
	return ctx.db.transaction(
		() => {
			if (ctx.db.select().from(unitLevels).where(eq(unitLevels.code, input.code)).get())
				return { ok: false as const, errors: { code: t('campaignEdit.levelTaken', { code: input.code }) } };
			ctx.db.insert(unitLevels).values(input).run();
			recordAudit(ctx.db, ctx, { action: 'unit_level.create', targetType: 'unit_level', targetId: input.code, after: { ...input } });
			return { ok: true as const };
		},
		{ behavior: 'immediate' }
	);
}
