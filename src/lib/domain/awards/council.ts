/**
 * The emulation and awards council (Hội đồng thi đua – khen thưởng): named members who vote on the selected
 * proposals before the competent head signs. A proposal passes when more than half of all the council's members
 * agree — absent members count against it, as the law's "quá 1/2 tổng số thành viên" reads.
 */
import { normaliseLine } from '../../text';

export const AWARD_COUNCIL_MINIMUM = 3;
export const AWARD_COUNCIL_MAXIMUM = 25;
const NAME_MAX = 120;

export interface CouncilMember {
	name: string;
	position: string;
}

export type CouncilParse =
	{ ok: true; members: CouncilMember[] } | { ok: false; problem: 'line' | 'tooFew' | 'tooMany' | 'duplicate'; line?: number };

/** One member per line, "Họ tên | Chức vụ" (the position may be left out); blank lines are skipped. */
export function parseCouncil(text: string): CouncilParse {
	const members: CouncilMember[] = [];
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	for (const [i, raw] of lines.entries()) {
		if (raw.trim() === '') continue;
		const [name = '', position = '', ...rest] = raw.split('|').map(normaliseLine);
		const bad = (s: string) => s.length > NAME_MAX || /[<>]/.test(s);
		if (name === '' || rest.length > 0 || bad(name) || bad(position)) return { ok: false, problem: 'line', line: i + 1 };
		if (members.some((m) => m.name === name)) return { ok: false, problem: 'duplicate', line: i + 1 };
		members.push({ name, position });
	}
	if (members.length < AWARD_COUNCIL_MINIMUM) return { ok: false, problem: 'tooFew' };
	if (members.length > AWARD_COUNCIL_MAXIMUM) return { ok: false, problem: 'tooMany' };
	return { ok: true, members };
}

export const councilText = (members: readonly CouncilMember[]) =>
	members.map((m) => (m.position ? `${m.name} | ${m.position}` : m.name)).join('\n');

/** Passed when more than half of all the members agree. */
export const councilPasses = (agree: number, seats: number) => agree * 2 > seats;
