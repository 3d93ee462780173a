/**
 * The public works browser's choices, as they travel in its address: what to search, where, what kind, when,
 * only the exemplary ones, and where the previous page ended. Anything malformed is ignored, never an error:
 * these addresses are shared and typed by hand.
 */
export interface BrowseFilters {
	query: string;
	unitId: number | null;
	activityTypeId: number | null;
	contentAreaId: number | null;
	periodId: number | null;
	featured: boolean;
	/** The last work of the previous page (newest first: by day, then id). */
	after: { day: string; id: number } | null;
}

export const BROWSE_PARAMS = {
	query: 'q',
	unitId: 'don-vi',
	activityTypeId: 'loai',
	contentAreaId: 'noi-dung',
	periodId: 'ky',
	featured: 'dien-hinh',
	after: 'sau'
} as const;

const id = (value: string | null): number | null => (value !== null && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null);

export function readBrowseFilters(params: URLSearchParams): BrowseFilters {
	const cursor = /^(\d{4}-\d{2}-\d{2})\.([1-9]\d{0,8})$/.exec(params.get(BROWSE_PARAMS.after) ?? '');
	return {
		query: (params.get(BROWSE_PARAMS.query) ?? '').trim().slice(0, 100),
		unitId: id(params.get(BROWSE_PARAMS.unitId)),
		activityTypeId: id(params.get(BROWSE_PARAMS.activityTypeId)),
		contentAreaId: id(params.get(BROWSE_PARAMS.contentAreaId)),
		periodId: id(params.get(BROWSE_PARAMS.periodId)),
		featured: params.get(BROWSE_PARAMS.featured) === '1',
		after: cursor ? { day: cursor[1]!, id: Number(cursor[2]) } : null
	};
}

/** The address of these filters with some changed (a new filter starts again from the first page). */
export function browseHref(filters: BrowseFilters, change: Partial<BrowseFilters> = {}): string {
	const next = { ...filters, after: null, ...change };
	const params = new URLSearchParams();
	if (next.query) params.set(BROWSE_PARAMS.query, next.query);
	for (const key of ['unitId', 'activityTypeId', 'contentAreaId', 'periodId'] as const) {
		const value = next[key];
		if (value !== null) params.set(BROWSE_PARAMS[key], String(value));
	}
	if (next.featured) params.set(BROWSE_PARAMS.featured, '1');
	if (next.after) params.set(BROWSE_PARAMS.after, `${next.after.day}.${next.after.id}`);
	const search = params.toString();
	return search ? `/sang-kien?${search}` : '/sang-kien';
}

/** Whether a unit, activity, content area or period narrows the list (the folded filters are then shown open). */
export function hasChosenFilters(filters: BrowseFilters): boolean {
	return filters.unitId !== null || filters.activityTypeId !== null || filters.contentAreaId !== null || filters.periodId !== null;
}
