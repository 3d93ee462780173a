import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { acceptTargets, returnTargets, saveTargets, submitTargets, targetsView } from '$lib/server/targets/service';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const view = targetsView(serviceContext(event), Number(event.params.id));
	if (!view) error(404, t('targets.notFound'));
	return { view };
};

/** The form's `t:KEY` fields, as typed (the service reads and checks them). */
async function readFields(request: Request): Promise<Record<string, string>> {
	const form = await request.formData();
	const fields: Record<string, string> = {};
	for (const [name, value] of form) if (name.startsWith('t:') && typeof value === 'string') fields[name.slice(2)] = value;
	return fields;
}

function refused(result: Extract<ReturnType<typeof saveTargets>, { ok: false }>, fields: Record<string, string>) {
	if (result.problem === 'forbidden') error(403, t(result.error));
	return fail(400, { error: t(result.error), problems: result.problems ?? {}, values: fields });
}

export const actions: Actions = {
	save: async (event) => {
		requireActor(event);
		const fields = await readFields(event.request);
		const result = saveTargets(serviceContext(event), Number(event.params.id), fields);
		return result.ok ? { done: t('targets.saved') } : refused(result, fields);
	},
	submit: async (event) => {
		requireActor(event);
		const fields = await readFields(event.request);
		const result = submitTargets(serviceContext(event), Number(event.params.id), fields);
		return result.ok ? { done: t('targets.submittedDone') } : refused(result, fields);
	},
	accept: async (event) => {
		requireActor(event);
		const result = acceptTargets(serviceContext(event), Number(event.params.id));
		return result.ok ? { done: t('targets.acceptedDone') } : refused(result, {});
	},
	return: async (event) => {
		requireActor(event);
		const reason = (await event.request.formData()).get('reason');
		const result = returnTargets(serviceContext(event), Number(event.params.id), typeof reason === 'string' ? reason : '');
		return result.ok ? { done: t('targets.returnedDone') } : refused(result, {});
	}
};
