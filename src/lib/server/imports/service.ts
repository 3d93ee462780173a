import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { imports, people, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { issuePasswordToken } from '../auth/password-tokens';
import { randomToken } from '../auth/tokens';
import { readImportFile } from './read-file';
import { loadWorld } from './world';
import { applyPlan, type AppliedCounts } from './apply';
import { planImport, type ImportPlan } from '../../domain/imports/plan';
import { importErrorText } from '../../domain/imports/table';
import { can } from '../../domain/permissions';
import type { ImportAuthority } from '../../domain/units/import-plan';
import { isoDay } from '../../format';
import { t } from '../../i18n';

/** A preview may be confirmed within this time; after it, upload again. */
export const STAGED_TTL_MS = 60 * 60 * 1000;
/** Password links for an import's new people can be fetched for this long after it is applied. */
export const LINKS_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SHOWN_ERRORS = 200;
const SHOWN_ROWS = 50;

export interface ImportCounts {
	unitsCreate: number;
	unitsUpdate: number;
	unitsUnchanged: number;
	peopleCreate: number;
	peopleUpdate: number;
	peopleUnchanged: number;
}

export interface ImportPreview {
	/** Set when the file can be confirmed: no errors and something to do. */
	importId: string | null;
	fileName: string;
	rows: number;
	counts: ImportCounts;
	errors: string[];
	errorCount: number;
	ignoredSheets: string[];
	units: { line: number; code: string; name: string; action: 'create' | 'update' }[];
	people: { line: number; fullName: string; username: string | null; phone: string | null; action: 'create' | 'update' }[];
}

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: string };
export type ConfirmResult = { ok: true; importId: string; counts: AppliedCounts } | { ok: false; error: string; preview?: ImportPreview };

export function authorityOf(ctx: ServiceContext): ImportAuthority {
	if (!ctx.actor) throw new Error('an import needs an actor (the command line uses operatorAuthority)');
	return { kind: 'actor', actor: ctx.actor };
}

export const OPERATOR: ImportAuthority = { kind: 'operator' };

export function countsOf(plan: ImportPlan): ImportCounts {
	return {
		unitsCreate: plan.units.create.length,
		unitsUpdate: plan.units.update.length,
		unitsUnchanged: plan.units.unchanged,
		peopleCreate: plan.people.create.length,
		peopleUpdate: plan.people.update.length,
		peopleUnchanged: plan.people.unchanged
	};
}

function previewOf(plan: ImportPlan, fileName: string, importId: string | null): ImportPreview {
	return {
		importId,
		fileName,
		rows: plan.rows,
		counts: countsOf(plan),
		errors: plan.errors.slice(0, SHOWN_ERRORS).map(importErrorText),
		errorCount: plan.errors.length,
		ignoredSheets: plan.ignoredSheets,
		units: [
			...plan.units.create.map((u) => ({ line: u.line, code: u.code, name: u.name, action: 'create' as const })),
			...plan.units.update.map((u) => ({ line: u.line, code: u.code, name: u.name, action: 'update' as const }))
		].slice(0, SHOWN_ROWS),
		people: [
			...plan.people.create.map((p) => ({
				line: p.line,
				fullName: p.fullName,
				username: p.username,
				phone: p.phone,
				action: 'create' as const
			})),
			...plan.people.update.map((p) => ({ line: p.line, fullName: p.fullName, username: null, phone: null, action: 'update' as const }))
		]
			.sort((a, b) => a.line - b.line)
			.slice(0, SHOWN_ROWS)
	};
}

/** What the admin was shown, as one hash: the confirmation applies only the very same plan. */
function planDigest(plan: ImportPlan): string {
	const ops = { units: [plan.units.create, plan.units.update], people: [plan.people.create, plan.people.update] };
	return createHash('sha256').update(JSON.stringify(ops), 'utf8').digest('hex');
}

const hasWork = (plan: ImportPlan) =>
	plan.units.create.length + plan.units.update.length + plan.people.create.length + plan.people.update.length > 0;

/** Reads and plans a file without writing anything (the command line's --dry-run, and tests). */
export async function planFile(ctx: ServiceContext, authority: ImportAuthority, bytes: Uint8Array, fileName: string) {
	const read = await readImportFile(bytes, fileName);
	if (!read.ok) return read;
	return { ok: true as const, plan: planImport(read.tables, loadWorld(ctx.db, isoDay(ctx.now)), authority) };
}

/**
 * Reads the uploaded file and shows what it would do. A file that can be applied is kept (for an hour, for
 * this admin only) so the confirmation applies exactly these bytes, planned again at that moment.
 */
export async function previewImport(ctx: ServiceContext, file: { name: string; bytes: Uint8Array }): Promise<PreviewResult> {
	authorize(ctx, 'admin.access');
	const planned = await planFile(ctx, authorityOf(ctx), file.bytes, file.name);
	if (!planned.ok) return planned;
	const { plan } = planned;
	const fileName = file.name.slice(0, 200);
	let importId: string | null = null;
	if (plan.errors.length === 0 && hasWork(plan)) {
		importId = randomToken();
		ctx.db.transaction((tx) => {
			// Previews nobody confirmed hold whole files: they go once they can no longer be confirmed.
			tx.delete(imports)
				.where(and(isNull(imports.appliedAt), lt(imports.createdAt, ctx.now - STAGED_TTL_MS)))
				.run();
			tx.insert(imports)
				.values({
					id: importId!,
					personId: ctx.actor!.personId,
					fileName,
					sha256: createHash('sha256').update(file.bytes).digest('hex'),
					content: Buffer.from(file.bytes),
					createdAt: ctx.now,
					summary: { counts: { ...countsOf(plan) }, createdPersonIds: [], digest: planDigest(plan) }
				})
				.run();
		});
	}
	return { ok: true, preview: previewOf(plan, fileName, importId) };
}

/**
 * Applies a previewed file, all of it or nothing: read again, planned against the database inside the
 * transaction that writes (nobody can slip a duplicate in between), and refused with a fresh preview if the
 * plan is no longer the one the admin saw.
 */
export async function confirmImport(ctx: ServiceContext, importId: string): Promise<ConfirmResult> {
	authorize(ctx, 'admin.access');
	const staged = ctx.db
		.select()
		.from(imports)
		.where(
			and(
				eq(imports.id, importId),
				eq(imports.personId, ctx.actor!.personId),
				isNull(imports.appliedAt),
				gt(imports.createdAt, ctx.now - STAGED_TTL_MS)
			)
		)
		.get();
	if (!staged?.content) return { ok: false, error: t('import.expired') };
	const read = await readImportFile(staged.content, staged.fileName);
	if (!read.ok) return read;
	const authority = authorityOf(ctx);
	// Immediate: the write lock is taken before the plan reads, so no other process writes in between.
	return ctx.db.transaction(
		(tx): ConfirmResult => {
			const plan = planImport(read.tables, loadWorld(ctx.db, isoDay(ctx.now)), authority);
			const counts = countsOf(plan);
			const digest = planDigest(plan);
			if (plan.errors.length || digest !== staged.summary?.digest) {
				tx.update(imports)
					.set({ summary: { counts: { ...counts }, createdPersonIds: [], digest } })
					.where(eq(imports.id, importId))
					.run();
				const fresh = previewOf(plan, staged.fileName, plan.errors.length || !hasWork(plan) ? null : importId);
				return { ok: false, error: t('import.changedSincePreview'), preview: fresh };
			}
			const applied = applyPlan(ctx, plan, importId);
			const { createdPersonIds, ...appliedCounts } = applied;
			tx.update(imports)
				.set({ appliedAt: ctx.now, content: null, summary: { counts: { ...appliedCounts }, createdPersonIds } })
				.where(eq(imports.id, importId))
				.run();
			recordAudit(ctx.db, ctx, {
				action: 'import.apply',
				targetType: 'import',
				targetId: importId,
				after: { fileName: staged.fileName, ...appliedCounts }
			});
			return { ok: true, importId, counts: appliedCounts };
		},
		{ behavior: 'immediate' }
	);
}

/** The command line's import: read, plan and (unless dry) apply in one transaction, as the server's operator or as an admin. */
export async function importFile(
	ctx: ServiceContext,
	authority: ImportAuthority,
	file: { name: string; bytes: Uint8Array },
	options: { dryRun: boolean }
): Promise<
	| { ok: false; error: string }
	| { ok: true; plan: ImportPlan; applied: (AppliedCounts & { createdPersonIds: number[] }) | null; importId: string }
> {
	const read = await readImportFile(file.bytes, file.name);
	if (!read.ok) return read;
	const importId = randomToken();
	return ctx.db.transaction(
		(tx) => {
			const plan = planImport(read.tables, loadWorld(ctx.db, isoDay(ctx.now)), authority);
			if (options.dryRun || plan.errors.length || !hasWork(plan)) return { ok: true as const, plan, applied: null, importId };
			const applied = applyPlan(ctx, plan, importId);
			const { createdPersonIds, ...counts } = applied;
			tx.insert(imports)
				.values({
					id: importId,
					personId: ctx.actor?.personId ?? null,
					fileName: file.name.slice(0, 200),
					sha256: createHash('sha256').update(file.bytes).digest('hex'),
					createdAt: ctx.now,
					appliedAt: ctx.now,
					summary: { counts: { ...counts }, createdPersonIds }
				})
				.run();
			recordAudit(ctx.db, ctx, {
				action: 'import.apply',
				targetType: 'import',
				targetId: importId,
				after: { fileName: file.name, ...counts }
			});
			return { ok: true as const, plan, applied, importId };
		},
		{ behavior: 'immediate' }
	);
}

export interface LinkRow {
	fullName: string;
	username: string | null;
	phone: string | null;
	unitName: string;
	token: string;
}

/**
 * Fresh one-time password links for the people an import created who still have no password (each new link
 * replaces that person's earlier unused one). Only the admin who imported, only people they may manage.
 */
export function importLinks(ctx: ServiceContext, importId: string, operator = false): LinkRow[] | null {
	if (!operator) authorize(ctx, 'admin.access');
	const row = ctx.db.select().from(imports).where(eq(imports.id, importId)).get();
	if (!row?.appliedAt || row.appliedAt < ctx.now - LINKS_TTL_MS) return null;
	if (!operator && row.personId !== ctx.actor?.personId) return null;
	const ids = new Set(row.summary?.createdPersonIds ?? []);
	const world = loadWorld(ctx.db, isoDay(ctx.now));
	const unitNames = new Map(world.units.map((u) => [u.id, u.name]));
	const waiting = new Set(
		ctx.db
			.select({ id: people.id })
			.from(people)
			.where(isNull(people.passwordHash))
			.all()
			.map((p) => p.id)
			.filter((id) => ids.has(id))
	);
	const chosen = world.people.filter(
		(p) => waiting.has(p.id) && (operator || can(ctx.actor, 'person.manage', { kind: 'person', memberOf: p.memberOf, grants: p.roles }))
	);
	return ctx.db.transaction(() =>
		chosen.map((p) => {
			const unitId = p.memberOf[0]?.id ?? null;
			return {
				fullName: p.fullName,
				username: p.username,
				phone: p.phone,
				unitName: unitId === null ? '' : (unitNames.get(unitId) ?? ''),
				token: issuePasswordToken(ctx, p.id, unitId)
			};
		})
	);
}

/** Units the template lists (with their codes): the admin's own subtrees, or every active unit for the operator. */
export function unitsForTemplate(ctx: ServiceContext) {
	const rows = ctx.db
		.select({
			code: units.code,
			name: units.name,
			shortName: units.shortName,
			level: units.level,
			parentId: units.parentId,
			path: units.path,
			id: units.id,
			active: units.active
		})
		.from(units)
		.where(eq(units.active, true))
		.orderBy(units.path)
		.all();
	const codeOf = new Map(rows.map((u) => [u.id, u.code]));
	return rows
		.filter((u) => can(ctx.actor, 'person.create', { kind: 'unit', unit: u }))
		.map((u) => ({
			code: u.code ?? '',
			name: u.name,
			shortName: u.shortName,
			level: u.level,
			parentCode: u.parentId === null ? '' : (codeOf.get(u.parentId) ?? '')
		}));
}

/**
 * The units at the top of the admin's scope, with their codes: a new installation's template lists no unit
 * (the root has no parent to name), so this is where an admin finds the code to write as "Mã đơn vị cấp trên".
 */
export function topUnitsForImport(ctx: ServiceContext): Array<{ code: string; name: string }> {
	const mine = unitsForTemplate(ctx);
	const codes = new Set(mine.map((u) => u.code));
	return mine.filter((u) => u.parentCode === '' || !codes.has(u.parentCode)).map((u) => ({ code: u.code, name: u.name }));
}
