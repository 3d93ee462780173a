import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { nominationDossiers, nominations } from '../db/schema';
import { recordAudit } from '../audit';
import { campaignOwner } from '../campaigns/configure';
import { getUnit } from '../units/queries';
import { awardFormsOf, officeMayDecide, type NominationResult } from './forms';
import { canFileReport } from '../../domain/permissions';
import { DOSSIER_MAX_BYTES, dossierFileName, isPdf } from '../../domain/awards/dossier';
import { t } from '../../i18n';

const nominationOf = (db: Db, id: number) => db.select().from(nominations).where(eq(nominations.id, id)).get();

/**
 * Who may attach a proposal's dossier: the admins of the proposing unit (or above it), while it still waits. Asked
 * before the body is read, so nobody else's upload is ever parsed.
 */
export function mayAttachDossier(ctx: ServiceContext, nominationId: number): NominationResult {
	const row = nominationOf(ctx.db, nominationId);
	if (!row) return { ok: false, problem: 'notFound', error: t('nomination.notFound') };
	const unit = getUnit(ctx.db, row.unitId)!;
	if (!canFileReport(ctx.actor, unit.path, row.campaignId)) return { ok: false, problem: 'forbidden', error: t('nomination.forbidden') };
	if (row.status !== 'proposed') return { ok: false, problem: 'conflict', error: t('nomination.decided') };
	return { ok: true, id: row.id };
}

/** Keeps a proposal's dossier (replacing the one before): a PDF by its bytes, at most 10 MB. */
export function attachDossier(ctx: ServiceContext, nominationId: number, file: { name: string; bytes: Uint8Array }): NominationResult {
	const allowed = mayAttachDossier(ctx, nominationId);
	if (!allowed.ok) return allowed;
	if (file.bytes.byteLength === 0) return { ok: false, problem: 'invalid', error: t('dossier.missing') };
	if (file.bytes.byteLength > DOSSIER_MAX_BYTES)
		return { ok: false, problem: 'invalid', error: t('dossier.tooLarge', { name: file.name.slice(0, 60) }) };
	if (!isPdf(file.bytes)) return { ok: false, problem: 'invalid', error: t('dossier.notPdf') };
	const bytes = Buffer.from(file.bytes);
	const record = {
		fileName: dossierFileName(file.name),
		bytes,
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		uploadedBy: ctx.actor!.personId,
		uploadedAt: ctx.now
	};
	ctx.db.transaction(() => {
		ctx.db
			.insert(nominationDossiers)
			.values({ nominationId, ...record })
			.onConflictDoUpdate({ target: nominationDossiers.nominationId, set: record })
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'award.dossier',
			targetType: 'nomination',
			targetId: nominationId,
			after: { fileName: record.fileName, size: record.size, sha256: record.sha256 }
		});
	});
	return { ok: true, id: nominationId };
}

/** The dossier for whoever sees the proposal: the proposing unit's admins, those of the unit weighing it, the office. */
export function dossierFor(ctx: ServiceContext, nominationId: number) {
	const row = nominationOf(ctx.db, nominationId);
	if (!row || !ctx.actor) return null;
	const paths = [row.unitId, row.atUnitId ?? campaignOwner(ctx.db, row.campaignId)!.id].map((id) => getUnit(ctx.db, id)!.path);
	if (!officeMayDecide(ctx, row.campaignId) && !paths.some((p) => canFileReport(ctx.actor, p, row.campaignId))) return null;
	return ctx.db
		.select({ fileName: nominationDossiers.fileName, bytes: nominationDossiers.bytes })
		.from(nominationDossiers)
		.where(eq(nominationDossiers.nominationId, nominationId))
		.get();
}

/** Which of these proposals have a dossier, with its name and size (for the lists). */
export function dossiersOf(db: Db, ids: number[]) {
	if (ids.length === 0) return new Map<number, { fileName: string; size: number }>();
	return new Map(
		db
			.select({ id: nominationDossiers.nominationId, fileName: nominationDossiers.fileName, size: nominationDossiers.size })
			.from(nominationDossiers)
			.where(inArray(nominationDossiers.nominationId, ids))
			.all()
			.map((d) => [d.id, { fileName: d.fileName, size: d.size }])
	);
}

/**
 * The proposing unit attests which of the form's criteria the subject meets (the computed ones — rank, works,
 * on-time report — are beside them on the suggestions); only the form's own criteria are taken.
 */
export function attestCriteria(ctx: ServiceContext, nominationId: number, criteria: string[]): NominationResult {
	const allowed = mayAttachDossier(ctx, nominationId);
	if (!allowed.ok) return allowed;
	const row = nominationOf(ctx.db, nominationId)!;
	const known = awardFormsOf(ctx.db, row.campaignId).find((f) => f.code === row.formCode)?.criteria ?? [];
	if (criteria.some((c) => !known.includes(c))) return { ok: false, problem: 'invalid', error: t('awards.formMissing') };
	const attested = known.filter((c) => criteria.includes(c));
	ctx.db.transaction(() => {
		ctx.db.update(nominations).set({ attested }).where(eq(nominations.id, nominationId)).run();
		recordAudit(ctx.db, ctx, {
			action: 'award.attest',
			targetType: 'nomination',
			targetId: nominationId,
			before: { attested: row.attested },
			after: { attested }
		});
	});
	return { ok: true, id: nominationId };
}
