import { toSearchText } from '../../text';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Words anyone guessing a password here would try first: the product, the union, the province. */
const CONTEXT_WORDS = [
	'tienphong',
	'doanthanhnien',
	'thanhnien',
	'doanvien',
	'tinhdoan',
	'huyendoan',
	'dienbien',
	'dienbienphu',
	'chuyendoiso',
	'matkhau',
	'password',
	'admin',
	'quantri',
	'vietnam',
	'hochiminh'
];

const COMMON = new Set([
	'12345678',
	'123456789',
	'1234567890',
	'87654321',
	'11111111',
	'00000000',
	'88888888',
	'66666666',
	'12341234',
	'abcd1234',
	'abc12345',
	'qwertyui',
	'qwerty123',
	'iloveyou',
	'anhyeuem',
	'emyeuanh',
	'password1',
	'matkhau123',
	'123123123',
	'asdfghjk',
	'zxcvbnm1'
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_identifier';

/**
 * Length rules only (no composition rules), plus a refusal of common and context passwords.
 * Passwords are compared after NFC normalisation so the same word typed with different Vietnamese
 * keyboards (precomposed or combining marks) is the same password.
 */
export function checkPassword(password: string, identifiers: string[] = []): PasswordProblem | null {
	const length = [...password.normalize('NFC')].length;
	if (length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'too_long';
	const folded = toSearchText(password).replace(/\s/g, '');
	const letters = folded.replace(/[^a-z]/g, '');
	if (COMMON.has(folded) || /^(.)\1+$/.test(folded)) return 'common';
	if (CONTEXT_WORDS.some((w) => letters === w || (letters.startsWith(w) && letters.length <= w.length + 2))) return 'common';
	if (/^\d+$/.test(folded) && folded.length < 12) return 'common';
	for (const id of identifiers) {
		const key = toSearchText(id).replace(/@.*$/, '').replace(/\s/g, '');
		if (key.length >= 4 && folded.includes(key)) return 'contains_identifier';
	}
	return null;
}

export function normalisePassword(password: string): string {
	return password.normalize('NFC');
}
