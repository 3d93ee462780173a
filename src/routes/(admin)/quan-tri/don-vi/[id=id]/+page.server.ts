import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { adminScopes, can } from '$lib/domain/permissions';
import { checkMerge, checkMove } from '$lib/domain/units/tree';
import { getUnit, listLevels, unitsWithin, type UnitRow } from '$lib/server/units/queries';
import { unitOptions } from '$lib/server/units/tree-view';
import { createUnit, mergeUnit, moveUnit, renameUnit, retireUnit } from '$lib/server/units/service';
import { createUnitSchema, mergeUnitSchema, moveUnitSchema, renameUnitSchema, retireUnitSchema } from '$lib/schemas/unit';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

function loadUnit(event: RequestEvent): UnitRow {
	const unit = getUnit(serviceContext(event).db, Number(event.params.id));
	if (!unit) error(404, t('unitError.notFound'));
	return unit;
}

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const unit = loadUnit(event);
	if (!unit.active) redirect(303, `/don-vi/${unit.id}`);
	const node = { id: unit.id, path: unit.path, active: unit.active };
	const inScope = unitsWithin(ctx.db, adminScopes(actor));
	const moveTargets = inScope.filter((p) => checkMove(unit, p).ok && can(actor, 'unit.move', { kind: 'move', unit: node, newParent: p }));
	const mergeTargets = inScope.filter(
		(s) => s.level === unit.level && checkMerge(unit, s).ok && can(actor, 'unit.merge', { kind: 'merge', unit: node, survivor: s })
	);
	const allowed = {
		create: can(actor, 'unit.create', { kind: 'unit', unit: node }),
		rename: can(actor, 'unit.rename', { kind: 'unit', unit: node }),
		retire: can(actor, 'unit.retire', { kind: 'unit', unit: node }) && unit.parentId !== null,
		move: moveTargets.length > 0,
		merge: mergeTargets.length > 0
	};
	// Nothing to offer here means this unit is outside the actor's scope: refuse (and audit) like any action.
	if (!Object.values(allowed).some(Boolean)) authorize(ctx, 'unit.rename', { kind: 'unit', unit: node });
	const levels = listLevels(ctx.db);
	return {
		unit: { id: unit.id, name: unit.name, shortName: unit.shortName, level: unit.level, active: unit.active, code: unit.code },
		allowed,
		levels: levels.map((l) => ({ code: l.code, label: l.label })),
		suggestedLevel: levels.find((l) => l.rank > (levels.find((x) => x.code === unit.level)?.rank ?? 0))?.code ?? unit.level,
		moveTargets: unitOptions(moveTargets, inScope),
		mergeTargets: unitOptions(mergeTargets, inScope)
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireActor(event);
		const unit = loadUnit(event);
		const form = await event.request.formData();
		form.set('parentId', String(unit.id));
		const parsed = parseForm(createUnitSchema, form);
		if (!parsed.ok) return fail(400, { action: 'create', errors: parsed.errors, values: parsed.values });
		const result = createUnit(serviceContext(event), parsed.data);
		if (!result.ok) return fail(409, { action: 'create', errors: { _: t(result.error) }, values: parsed.values });
		return { action: 'create', done: t('admin.unit.created', { name: result.unit.name }), createdId: result.unit.id };
	},
	rename: async (event) => {
		requireActor(event);
		const unit = loadUnit(event);
		const parsed = parseForm(renameUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'rename', errors: parsed.errors, values: parsed.values });
		const result = renameUnit(serviceContext(event), unit.id, parsed.data);
		if (!result.ok) return fail(409, { action: 'rename', errors: { _: t(result.error) }, values: parsed.values });
		return { action: 'rename', done: t('admin.unit.renamed') };
	},
	move: async (event) => {
		requireActor(event);
		const unit = loadUnit(event);
		const parsed = parseForm(moveUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'move', errors: parsed.errors, values: parsed.values });
		const result = moveUnit(serviceContext(event), unit.id, parsed.data.newParentId);
		if (!result.ok) return fail(409, { action: 'move', errors: { _: t(result.error) }, values: parsed.values });
		return { action: 'move', done: t('admin.unit.moved') };
	},
	merge: async (event) => {
		requireActor(event);
		const unit = loadUnit(event);
		const parsed = parseForm(mergeUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'merge', errors: parsed.errors, values: parsed.values });
		const result = mergeUnit(serviceContext(event), unit.id, parsed.data.survivorId);
		if (!result.ok) return fail(409, { action: 'merge', errors: { _: t(result.error) }, values: parsed.values });
		redirect(303, `/don-vi/${unit.id}`);
	},
	retire: async (event) => {
		requireActor(event);
		const unit = loadUnit(event);
		const parsed = parseForm(retireUnitSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'retire', errors: parsed.errors, values: parsed.values });
		const result = retireUnit(serviceContext(event), unit.id);
		if (!result.ok) return fail(409, { action: 'retire', errors: { _: t(result.error) }, values: parsed.values });
		redirect(303, `/don-vi/${unit.id}`);
	}
};
