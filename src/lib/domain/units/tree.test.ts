import { describe, expect, it } from 'vitest';
import { checkMerge, checkMove, depthOf, idsOnPath, isStrictlyWithin, isWithin, pathFor, rebasePath } from './tree';

const node = (path: string, parentId: number | null, active = true) => ({ id: idsOnPath(path).at(-1)!, path, parentId, active });

describe('materialised paths', () => {
	it('builds, splits and measures paths', () => {
		expect(pathFor(null, 1)).toBe('/1/');
		expect(pathFor('/1/4/', 9)).toBe('/1/4/9/');
		expect(idsOnPath('/1/4/9/')).toEqual([1, 4, 9]);
		expect(depthOf('/1/')).toBe(0);
		expect(depthOf('/1/4/9/')).toBe(2);
	});
	it('scope tests compare whole ids', () => {
		expect(isWithin('/1/4/9/', '/1/4/')).toBe(true);
		expect(isWithin('/1/4/', '/1/4/')).toBe(true);
		expect(isStrictlyWithin('/1/4/', '/1/4/')).toBe(false);
		expect(isWithin('/1/45/', '/1/4/')).toBe(false);
	});
	it('rebases descendants onto a new prefix', () => {
		expect(rebasePath('/1/4/9/12/', '/1/4/9/', '/1/7/9/')).toBe('/1/7/9/12/');
		expect(() => rebasePath('/1/5/', '/1/4/', '/2/')).toThrow();
	});
});

describe('checkMove', () => {
	const root = node('/1/', null);
	const g = node('/1/2/3/', 2);
	it.each([
		['the root', root, node('/1/2/', 1), 'root'],
		['into its own subtree', g, node('/1/2/3/4/', 3), 'cycle'],
		['under itself', g, g, 'cycle'],
		['under its current parent', g, node('/1/2/', 1), 'same_parent'],
		['a retired unit', node('/1/2/3/', 2, false), node('/1/5/', 1), 'retired'],
		['under a retired unit', g, node('/1/5/', 1, false), 'retired']
	])('refuses moving %s', (_label, unit, parent, reason) => {
		expect(checkMove(unit, parent)).toEqual({ ok: false, reason });
	});
	it('moves a unit to another branch of the tree', () => {
		expect(checkMove(g, node('/1/5/', 1))).toEqual({ ok: true, newPath: '/1/5/3/' });
	});
});

describe('checkMerge', () => {
	const a = node('/1/2/3/', 2);
	it.each([
		['the root', node('/1/', null), a, 'root'],
		['into itself', a, a, 'self'],
		['into its own child', a, node('/1/2/3/7/', 3), 'nested'],
		['into its parent', a, node('/1/2/', 1), 'nested'],
		['into a retired unit', a, node('/1/2/4/', 2, false), 'retired']
	])('refuses merging %s', (_label, unit, survivor, reason) => {
		expect(checkMerge(unit, survivor)).toEqual({ ok: false, reason });
	});
	it('merges siblings and cousins', () => {
		expect(checkMerge(a, node('/1/2/4/', 2))).toEqual({ ok: true });
		expect(checkMerge(a, node('/1/9/4/', 9))).toEqual({ ok: true });
	});
});
