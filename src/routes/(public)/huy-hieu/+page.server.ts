import type { PageServerLoad } from './$types';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getRuntime } from '$lib/server/runtime';
import { activeDefinitions } from '$lib/server/scoring/badges';
import { subjectNames } from '$lib/server/scoring/boards';
import { badgeAwards } from '$lib/server/db/schema';

/** The catalogue: what each badge is for, how to earn it, and who holds it (public names only). */
export const load: PageServerLoad = () => {
	const { db } = getRuntime();
	return {
		badges: activeDefinitions(db).map((d) => {
			const holders = db
				.select({ subjectType: badgeAwards.subjectType, subjectId: badgeAwards.subjectId, level: badgeAwards.level, periodCode: badgeAwards.periodCode })
				.from(badgeAwards)
				.where(and(eq(badgeAwards.badgeCode, d.code), isNull(badgeAwards.revokedAt)))
				.orderBy(desc(badgeAwards.level), desc(badgeAwards.awardedAt))
				.all();
			const top = holders.slice(0, 12);
			const names = new Map<string, string>();
			for (const type of new Set(top.map((h) => h.subjectType))) {
				for (const [id, n] of subjectNames(db, type, top.filter((h) => h.subjectType === type).map((h) => h.subjectId))) names.set(`${type}|${id}`, n.name);
			}
			return {
				code: d.code,
				name: d.name,
				howToEarn: d.howToEarn,
				icon: d.icon,
				count: holders.length,
				holders: top.map((h) => ({ name: names.get(`${h.subjectType}|${h.subjectId}`) ?? '', level: h.level, period: h.periodCode === 'ALL' ? null : h.periodCode }))
			};
		})
	};
};
