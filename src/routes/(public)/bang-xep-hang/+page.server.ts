import type { PageServerLoad } from './$types';
import { asc, eq, lte } from 'drizzle-orm';
import { getRuntime } from '$lib/server/runtime';
import { boardView, subjectNames } from '$lib/server/scoring/boards';
import { adjustmentsAfterClose, frozenStandings } from '$lib/server/scoring/periods';
import { boardKey } from '$lib/domain/scoring/boards';
import { contentAreas, periods, units } from '$lib/server/db/schema';
import { campaignPolicy } from '$lib/server/initiatives/queries';
import { recentApprovals } from '$lib/server/showcase/queries';
import { liveSnapshot } from '$lib/server/realtime/live-boards';
import { mySubject } from '$lib/server/scoring/my-subject';
import { isoDay } from '$lib/format';

const SUBJECTS = ['district', 'grassroots', 'branch', 'team', 'member'] as const;
type Subject = (typeof SUBJECTS)[number];

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db, boards } = getRuntime();
	const now = Date.now();
	const campaign = campaignPolicy(db);
	const periodList = campaign ? db.select().from(periods).where(eq(periods.campaignId, campaign.id)).orderBy(asc(periods.startsOn)).all() : [];
	const scopes = db.select({ id: units.id, name: units.name, depth: units.depth }).from(units).where(lte(units.depth, 2)).orderBy(asc(units.path)).all().filter((u) => u.depth <= 2);
	const root = scopes.find((s) => s.depth === 0);
	const areas = campaign ? db.select({ code: contentAreas.code, name: contentAreas.name }).from(contentAreas).where(eq(contentAreas.campaignId, campaign.id)).orderBy(asc(contentAreas.code)).all() : [];

	const q = url.searchParams;
	const subject: Subject = (SUBJECTS as readonly string[]).includes(q.get('doi-tuong') ?? '') ? (q.get('doi-tuong') as Subject) : 'district';
	const scopeId = scopes.some((s) => String(s.id) === q.get('pham-vi')) ? Number(q.get('pham-vi')) : (root?.id ?? 0);
	const thisYear = `Y${isoDay(now).slice(0, 4)}`;
	const period = periodList.find((p) => p.code === q.get('ky')) ?? periodList.find((p) => p.code === thisYear) ?? periodList.at(-1);
	const area = areas.some((a) => a.code === q.get('linh-vuc')) ? q.get('linh-vuc') : null;
	const perCapita = q.get('binh-quan') === '1' && subject !== 'member' && subject !== 'team';

	const mySubjectId = mySubject(db, locals.actor?.personId ?? null, subject);
	const view = period
		? await boardView(db, boards, { subjectType: subject, scopeUnitId: scopeId, periodCode: period.code, area }, { limit: 50, mySubjectId, perCapita, now })
		: null;
	// Open periods are live: the page starts from this snapshot and follows the board's deltas.
	const live = view && period && period.status !== 'closed' ? await liveSnapshot(db, boards, view.key) : null;
	// A closed period shows the standings frozen at its close, and anything written since as adjustments.
	let frozen: { closedAt: number; rows: Array<{ subjectId: number; name: string; points: number; rank: number }>; adjustments: Array<{ name: string; points: number }> } | null = null;
	if (period && period.status === 'closed' && period.closedAt !== null && !perCapita) {
		const key = boardKey({ subjectType: subject, scopeUnitId: scopeId, periodCode: period.code, area });
		const rows = frozenStandings(db, period.id, key).slice(0, 50);
		const late = adjustmentsAfterClose(db, period, key);
		const names = subjectNames(db, subject, [...new Set([...rows.map((r) => r.subjectId), ...late.keys()])]);
		frozen = {
			closedAt: period.closedAt,
			rows: rows.map((r) => ({ subjectId: r.subjectId, name: names.get(r.subjectId)?.name ?? `#${r.subjectId}`, points: r.points, rank: r.rank })),
			adjustments: [...late].filter(([, p]) => p !== 0).map(([id, points]) => ({ name: names.get(id)?.name ?? `#${id}`, points }))
		};
	}
	return {
		frozen,
		subjects: SUBJECTS,
		subject,
		scopes: scopes.map((s) => ({ id: s.id, label: `${'\u00a0\u00a0'.repeat(s.depth)}${s.name}` })),
		scopeId,
		periods: periodList.map((p) => ({ code: p.code, name: p.name, status: p.status })),
		period: period ? { code: period.code, name: period.name, status: period.status, closedAt: period.closedAt } : null,
		areas,
		area,
		perCapita,
		view,
		live,
		mySubjectId,
		ticker: recentApprovals(db, 6)
	};
};
