import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { entriesBehind, subjectNames } from '$lib/server/scoring/boards';
import { parseBoardKey } from '$lib/domain/scoring/boards';
import { periods, units } from '$lib/server/db/schema';
import { t } from '$lib/i18n';

/** Every ledger row behind one score on one board, with the initiative and the rule version that priced it. */
export const load: PageServerLoad = async ({ url }) => {
	const { db, boards } = getRuntime();
	const key = url.searchParams.get('bang') ?? '';
	const spec = parseBoardKey(key);
	const subjectId = Number(url.searchParams.get('id'));
	if (!spec || !Number.isInteger(subjectId) || subjectId <= 0) error(404, t('error.404'));
	const entries = entriesBehind(db, spec, subjectId);
	const row = await boards.row(key, String(subjectId));
	const period = db.select({ name: periods.name }).from(periods).where(eq(periods.code, spec.periodCode)).get();
	const scope = db.select({ name: units.name }).from(units).where(eq(units.id, spec.scopeUnitId)).get();
	if (!period || !scope) error(404, t('error.404'));
	return {
		name: subjectNames(db, spec.subjectType, [subjectId]).get(subjectId)?.name ?? `#${subjectId}`,
		board: `${t(`subject.${spec.subjectType}` as Parameters<typeof t>[0])} · ${scope.name} · ${period.name}${spec.area ? ` · ${spec.area}` : ''}`,
		entries,
		total: entries.reduce((sum, e) => sum + e.points, 0),
		boardScore: row?.score ?? 0,
		rank: row?.rank ?? null,
		backHref: `/bang-xep-hang?doi-tuong=${spec.subjectType}&pham-vi=${spec.scopeUnitId}&ky=${spec.periodCode}${spec.area ? `&linh-vuc=${spec.area}` : ''}`
	};
};
