import { normaliseLine } from '../../text';

/**
 * The name the public sees: family name and initials ("Nguyễn Văn An" → "Nguyễn V. A."), so boards and
 * stories can credit people without publishing their full names.
 */
export function publicDisplayName(fullName: string): string {
	const parts = normaliseLine(fullName).split(' ').filter(Boolean);
	if (parts.length <= 1) return parts[0] ?? '';
	const [family, ...rest] = parts;
	return [family, ...rest.map((p) => `${[...p][0]!.toLocaleUpperCase('vi')}.`)].join(' ');
}

/** Under 16 is a child under Vietnamese law (Law on Children 2016); their data needs guardian consent. */
export function isChild(birthYear: number | null, currentYear: number): boolean {
	return birthYear !== null && currentYear - birthYear < 16;
}
