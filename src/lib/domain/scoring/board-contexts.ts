import type { BoardSubjectOption } from './subjects';

/** A unit on the path from the root down to the person's own unit. */
export interface ChainUnit {
	id: number;
	name: string;
	level: string;
}

/** One board a person belongs on: a kind of subject ranked within a scope, named for a chip. */
export interface BoardContext {
	subject: string;
	scopeId: number;
	label: string;
}

/**
 * The boards a signed-in person sits on, nearest first: the members of their own unit, then their unit among
 * its siblings, and each unit above among its own siblings — wherever the campaign offers that kind of board.
 * @param chain the units from the root down to the person's own unit
 */
export function ownBoardContexts(chain: readonly ChainUnit[], subjects: readonly BoardSubjectOption[]): BoardContext[] {
	const home = chain.at(-1);
	if (!home) return [];
	const units: BoardContext[] = [];
	chain.forEach((unit, i) => {
		const parent = chain[i - 1];
		const level = subjects.find((s) => s.unit && s.code === unit.level);
		if (parent && level) units.push({ subject: level.code, scopeId: parent.id, label: `${level.label} · ${parent.name}` });
	});
	const member = subjects.find((s) => s.code === 'member');
	const members = member ? [{ subject: member.code, scopeId: home.id, label: `${member.label} · ${home.name}` }] : [];
	return [...members, ...units.reverse()];
}
