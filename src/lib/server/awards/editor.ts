import type { ServiceContext } from '../context';
import { editCampaign, type Change, type EditResult } from '../campaigns/editors';
import { awardFormsOf } from './forms';
import { allPeriods } from '../scoring/periods';
import type { AwardForm } from '../../domain/awards/forms';
import { t } from '../../i18n';

/** The forms as the editor shows them, with the review periods a form can name (every year, or one period). */
export function awardFormsForEditor(ctx: ServiceContext, campaignId: number) {
	return {
		forms: awardFormsOf(ctx.db, campaignId),
		periods: [
			{ code: 'year', name: t('awards.yearly') },
			...allPeriods(ctx.db, campaignId)
				.filter((p) => p.kind !== 'year')
				.map((p) => ({ code: p.code, name: p.name }))
		]
	};
}

/**
 * Adds an award form, or edits the one named by `original` (its code stays: nominations will carry it). The
 * periods it names must be the campaign's; the file's own checks refuse the rest (markup, negative quotas).
 */
export function saveAwardForm(ctx: ServiceContext, campaignId: number, input: AwardForm & { original: string }): EditResult {
	const { original, ...form } = input;
	const known = new Set(['year', ...allPeriods(ctx.db, campaignId).map((p) => p.code)]);
	const unknown = [...form.periods, ...form.quotas.map((q) => q.period)].find((p) => !known.has(p));
	if (unknown) return { ok: false, errors: { periods: t('awards.unknownPeriod', { code: unknown }) } };
	return editCampaign(ctx, campaignId, (file): Change => {
		const forms = (file.awardForms ??= []);
		if (!original) {
			if (forms.some((f) => f.code === form.code)) return { refused: { code: t('awards.codeTaken') } };
			forms.push(form);
			return { at: `awardForms[${forms.length - 1}]`, action: 'campaign.award_form_create', after: { code: form.code, name: form.name } };
		}
		const i = forms.findIndex((f) => f.code === original);
		if (i < 0) return { refused: { _: t('awards.formMissing') } };
		if (form.code !== original) return { refused: { code: t('campaignEdit.codeFixed') } };
		const before = forms[i]!;
		forms[i] = form;
		return { at: `awardForms[${i}]`, action: 'campaign.award_form_update', before: { ...before }, after: { ...form } };
	});
}

export function deleteAwardForm(ctx: ServiceContext, campaignId: number, code: string): EditResult {
	return editCampaign(ctx, campaignId, (file): Change => {
		const forms = file.awardForms ?? [];
		const i = forms.findIndex((f) => f.code === code);
		if (i < 0) return { refused: { _: t('awards.formMissing') } };
		const [removed] = forms.splice(i, 1);
		return { at: 'awardForms', action: 'campaign.award_form_delete', before: { code, name: removed!.name }, after: {} };
	});
}
