import type { UnitRow } from './queries';

export interface TreeNode {
	id: number;
	name: string;
	shortName: string;
	level: string;
	members: number;
	children: TreeNode[];
}

/** Nests a flat list of units (any order) under their parents; roots are units whose parent is not in the list. */
export function buildTree(rows: UnitRow[], members: Map<string, number>): TreeNode[] {
	const nodes = new Map<number, TreeNode>();
	for (const r of rows) {
		nodes.set(r.id, { id: r.id, name: r.name, shortName: r.shortName, level: r.level, members: members.get(r.path) ?? 0, children: [] });
	}
	const roots: TreeNode[] = [];
	for (const r of rows) {
		const node = nodes.get(r.id)!;
		const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
		(parent ? parent.children : roots).push(node);
	}
	const sort = (list: TreeNode[]) => {
		list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
		list.forEach((n) => sort(n.children));
	};
	sort(roots);
	return roots;
}

export interface UnitOption {
	id: number;
	label: string;
	indent: number;
}

/** Units as <select> options or list rows, indented below the shallowest of `scope` (no-break spaces survive in <option>). */
export function unitOptions(rows: UnitRow[], scope: UnitRow[] = rows): UnitOption[] {
	const base = Math.min(...scope.map((u) => u.depth));
	return rows.map((u) => ({ id: u.id, indent: u.depth - base, label: `${'\u00a0\u00a0'.repeat(u.depth - base)}${u.name}` }));
}
