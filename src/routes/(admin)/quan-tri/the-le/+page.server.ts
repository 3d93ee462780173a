import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { listRuleSets, saveDraft, setRuleSetStatus } from '$lib/server/scoring/rule-sets';
import { applyRecompute, previewRecompute, type RecomputeLine } from '$lib/server/scoring/recompute';
import { ledgerCommitted } from '$lib/server/realtime/after-commit';
import { subjectNames } from '$lib/server/scoring/boards';
import { isoDay } from '$lib/format';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	const campaignId = campaign.id;
	const versions = listRuleSets(ctx.db, campaignId);
	const latest = versions[0];
	return {
		versions: versions.map((v) => ({
			version: v.version,
			status: v.status,
			effectiveFrom: v.effectiveFrom,
			note: v.note,
			json: JSON.stringify(v.definition, null, 2)
		})),
		template: latest ? JSON.stringify(latest.definition, null, 2) : '{\n  "rules": []\n}',
		today: isoDay(ctx.now)
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const { ctx, campaign } = configuring(event);
		const campaignId = campaign.id;
		const form = await event.request.formData();
		const input = {
			json: String(form.get('json') ?? '').slice(0, 200_000),
			effectiveFrom: String(form.get('effectiveFrom') ?? ''),
			note: String(form.get('note') ?? '')
		};
		const result = saveDraft(ctx, campaignId, input);
		if (!result.ok) return fail(400, { errors: [t(result.error), ...result.details], values: input });
		return { done: t('rules.drafted', { version: result.version }) };
	},
	publish: async (event) => {
		const { ctx, campaign } = configuring(event);
		const campaignId = campaign.id;
		const version = Number((await event.request.formData()).get('version'));
		if (!setRuleSetStatus(ctx, campaignId, version, 'active')) return fail(409, { errors: [t('rules.cannotPublish')] });
		return { done: t('rules.published', { version }) };
	},
	retire: async (event) => {
		const { ctx, campaign } = configuring(event);
		const campaignId = campaign.id;
		const version = Number((await event.request.formData()).get('version'));
		if (!setRuleSetStatus(ctx, campaignId, version, 'retired')) return fail(409, { errors: [t('rules.cannotRetire')] });
		return { done: t('rules.retired', { version }) };
	},
	preview: async (event) => {
		const { ctx, campaign } = configuring(event);
		const campaignId = campaign.id;
		const version = Number((await event.request.formData()).get('version'));
		const preview = previewRecompute(ctx.db, campaignId, version);
		if ('error' in preview) return fail(400, { errors: [t(preview.error), ...preview.details] });
		const names = new Map<string, string>();
		const subjects = [...preview.lines, ...preview.badgeChanges];
		for (const type of new Set(subjects.map((l) => l.subjectType))) {
			const ids = subjects.filter((l) => l.subjectType === type).map((l) => l.subjectId);
			for (const [id, n] of subjectNames(ctx.db, type, ids)) names.set(`${type}|${id}`, n.name);
		}
		return {
			preview: {
				version,
				lines: preview.lines.map((l) => ({ ...l, name: names.get(`${l.subjectType}|${l.subjectId}`) ?? `#${l.subjectId}` })),
				rankChanges: preview.rankChanges.slice(0, 200),
				rankChangeCount: preview.rankChanges.length,
				badgeChanges: preview.badgeChanges.map((b) => ({ ...b, name: names.get(`${b.subjectType}|${b.subjectId}`) ?? `#${b.subjectId}` })),
				skippedClosed: preview.skippedClosed,
				payload: JSON.stringify(preview.lines)
			}
		};
	},
	apply: async (event) => {
		const { ctx, campaign } = configuring(event);
		const campaignId = campaign.id;
		const form = await event.request.formData();
		let lines: RecomputeLine[];
		try {
			lines = JSON.parse(String(form.get('payload') ?? '[]')) as RecomputeLine[];
		} catch {
			return fail(400, { errors: [t('validation.invalidChoice')] });
		}
		const result = applyRecompute(ctx, campaignId, Number(form.get('version')), lines);
		if (!result.ok) return fail(409, { errors: [t(result.error), ...result.details] });
		await ledgerCommitted(ctx, result.entries);
		return { done: t('rules.recomputed', { count: result.entries.length }) };
	}
};
