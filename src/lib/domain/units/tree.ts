/**
 * The organisation tree as materialised paths ("/1/4/9/"). Pure: every function works on the paths
 * it is given, so permission checks and moves can be tested without a database.
 */
export interface UnitNode {
	id: number;
	path: string;
	active: boolean;
}

export function pathFor(parentPath: string | null, id: number): string {
	return `${parentPath ?? '/'}${id}/`;
}

/** Ids from the root down to the unit itself. */
export function idsOnPath(path: string): number[] {
	return path
		.split('/')
		.filter(Boolean)
		.map((s) => Number(s));
}

export function depthOf(path: string): number {
	return idsOnPath(path).length - 1;
}

/** True when `unitPath` is the scope itself or anywhere below it. */
export function isWithin(unitPath: string, scopePath: string): boolean {
	return unitPath.startsWith(scopePath);
}

/** True when `unitPath` is below the scope, not the scope itself. */
export function isStrictlyWithin(unitPath: string, scopePath: string): boolean {
	return unitPath !== scopePath && unitPath.startsWith(scopePath);
}

export type MoveCheck = { ok: true; newPath: string } | { ok: false; reason: 'root' | 'retired' | 'cycle' | 'same_parent' };

/** Decides whether `unit` may hang under `newParent` and what its path becomes. */
export function checkMove(unit: UnitNode & { parentId: number | null }, newParent: UnitNode): MoveCheck {
	if (unit.parentId === null) return { ok: false, reason: 'root' };
	if (!unit.active || !newParent.active) return { ok: false, reason: 'retired' };
	if (isWithin(newParent.path, unit.path)) return { ok: false, reason: 'cycle' };
	if (unit.parentId === newParent.id) return { ok: false, reason: 'same_parent' };
	return { ok: true, newPath: pathFor(newParent.path, unit.id) };
}

export type MergeCheck = { ok: true } | { ok: false; reason: 'root' | 'retired' | 'self' | 'nested' };

/** A merge retires `unit` in favour of `survivor`; neither may contain the other. */
export function checkMerge(unit: UnitNode & { parentId: number | null }, survivor: UnitNode): MergeCheck {
	if (unit.parentId === null) return { ok: false, reason: 'root' };
	if (unit.id === survivor.id) return { ok: false, reason: 'self' };
	if (!unit.active || !survivor.active) return { ok: false, reason: 'retired' };
	if (isWithin(survivor.path, unit.path) || isWithin(unit.path, survivor.path)) return { ok: false, reason: 'nested' };
	return { ok: true };
}

/** The path a descendant gets when its ancestor at `oldPrefix` moves to `newPrefix`. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
	if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
	return newPrefix + path.slice(oldPrefix.length);
}
