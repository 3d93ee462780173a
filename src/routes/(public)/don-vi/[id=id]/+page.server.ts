import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { absorbedInto, ancestorsOf, childrenOf, getUnit, listLevels, memberCounts, unitHistory } from '$lib/server/units/queries';
import { unitProgress } from '$lib/server/targets/service';
import { publishedAwards } from '$lib/server/awards/nominations';
import { can } from '$lib/domain/permissions';
import { isoDay } from '$lib/format';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { params, locals } = event;
	const { db, now } = serviceContext(event);
	const unit = getUnit(db, Number(params.id));
	if (!unit) error(404, t('unitError.notFound'));
	const children = childrenOf(db, unit.id);
	const counts = memberCounts(db, [unit.path, ...children.map((c) => c.path)], isoDay(now));
	const successor = unit.successorId ? getUnit(db, unit.successorId) : undefined;
	const levels = Object.fromEntries(listLevels(db).map((l) => [l.code, l.label]));
	const node = { id: unit.id, path: unit.path, active: unit.active };
	return {
		unit: {
			id: unit.id,
			name: unit.name,
			shortName: unit.shortName,
			level: levels[unit.level] ?? unit.level,
			active: unit.active,
			retiredAt: unit.retiredAt,
			members: counts.get(unit.path) ?? 0
		},
		ancestors: ancestorsOf(db, unit)
			.slice(0, -1)
			.map((a) => ({ id: a.id, name: a.name })),
		children: children.map((c) => ({ id: c.id, name: c.name, level: levels[c.level] ?? c.level, members: counts.get(c.path) ?? 0 })),
		successor: successor ? { id: successor.id, name: successor.name } : null,
		absorbed: absorbedInto(db, unit.id).map((a) => ({ id: a.id, name: a.name, retiredAt: a.retiredAt })),
		history: unitHistory(db, unit.id),
		targets: unitProgress(db, unit.id, now),
		awards: publishedAwards({ db }, { unitId: unit.id }),
		canManage:
			can(locals.actor, 'unit.rename', { kind: 'unit', unit: node }) || can(locals.actor, 'unit.create', { kind: 'unit', unit: node })
	};
};
