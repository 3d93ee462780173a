import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { deleteTeamKind, saveEnrolLevel, saveTeamKind, teamSettingsForEditor } from '$lib/server/campaigns/team-editor';
import { enrolLevelSchema, teamKindDeleteSchema, teamKindFormSchema } from '$lib/schemas/campaign-editors';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return teamSettingsForEditor(ctx, campaign.id);
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(teamKindFormSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = saveTeamKind(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { done: t('campaignEdit.saved') };
	},
	delete: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(teamKindDeleteSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: { _: t('validation.invalidChoice') }, values: parsed.values });
		const result = deleteTeamKind(ctx, campaign.id, parsed.data.code);
		if (!result.ok) return fail(409, { errors: result.errors, values: { original: parsed.data.code } });
		return { done: t('campaignEdit.saved') };
	},
	level: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(enrolLevelSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: { original: '#level', ...parsed.values } });
		const result = saveEnrolLevel(ctx, campaign.id, parsed.data.level);
		if (!result.ok) return fail(400, { errors: result.errors, values: { original: '#level', ...parsed.values } });
		return { done: t('campaignEdit.saved') };
	}
};
