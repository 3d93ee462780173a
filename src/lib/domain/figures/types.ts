/**
 * What "the figures" of a unit are: totals over the approved work of its subtree in one campaign, for the
 * works whose activity day (`endedOn`, as in the ledger) falls in [from, to], as they stood at `cutoffAt`.
 * Work approved after the cut-off is not in the totals: it is an adjustment (see `FigureAdjustment`), the
 * closed-period model of the ledger. Work submitted but undecided at the cut-off is pending, never mixed in.
 */
export interface FiguresScope {
	campaignId: number;
	/** The subtree's root. */
	unitId: number;
	/** Activity days, 'YYYY-MM-DD', inclusive. */
	from: string;
	to: string;
	/** Epoch ms: decisions after this moment are not counted. */
	cutoffAt: number;
}

export interface MeasureFigure {
	contentAreaCode: string;
	contentAreaName: string;
	activityTypeId: number;
	activityTypeCode: string;
	activityTypeName: string;
	measureCode: string;
	label: string;
	unitLabel: string;
	kind: 'integer' | 'decimal';
	/** Sum of the verified values (a verifier's adjustment replaces the reported value). */
	approved: number;
	/** Sum of what units reported for the same approved works. */
	reported: number;
	/** Approved works of the type that carry the measure. */
	works: number;
	/** Sum of reported values of works submitted and undecided at the cut-off. */
	pending: number;
	pendingWorks: number;
}

export interface LevelCount {
	levelCode: string;
	/** The campaign's label for the level (falls back to the installation's). */
	label: string;
	count: number;
}

export interface TeamCount {
	kind: string;
	kindLabel: string;
	levelCode: string;
	teams: number;
	/** Active members of those teams at the cut-off. */
	members: number;
}

export interface ChildFigures {
	unitId: number;
	name: string;
	levelCode: string;
	works: number;
	/** Approved sums keyed by `${activityTypeCode}.${measureCode}`. */
	measures: Record<string, number>;
}

export interface MonthFigures {
	/** 'YYYY-MM' of the activity day. */
	month: string;
	works: number;
}

/** A tag's (khối's) share of the figures: its tagged units within the subtree, their members and approved works. */
export interface TagCount {
	code: string;
	label: string;
	units: number;
	members: number;
	works: number;
}

export interface Figures {
	scope: FiguresScope;
	unit: { id: number; name: string; levelCode: string };
	/** Campaign order: content area, activity type, measure position. */
	measures: MeasureFigure[];
	works: { approved: number; pending: number };
	/** Approved works counted by the level of the unit that logged them (003: 29 province / 39 district / 191 grassroots). */
	worksByLevel: LevelCount[];
	teams: TeamCount[];
	/** Active members (memberships open at the cut-off) of the subtree. */
	members: number;
	/** The root's direct children that take part, each with its own subtree's figures. */
	children: ChildFigures[];
	months: MonthFigures[];
	/** By the campaign's unit tags; absent from versions frozen before tags existed. */
	byTag?: TagCount[];
}

/** A decision after the cut-off that changes the figures of a period already reported. */
export interface FigureAdjustment {
	initiativeId: number;
	title: string;
	unitName: string;
	decidedAt: number;
	kind: 'late_approval' | 'revocation';
	/** Signed changes keyed by `${activityTypeCode}.${measureCode}`. */
	deltas: Record<string, number>;
}
