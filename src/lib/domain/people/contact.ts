/** Vietnamese mobile and landline numbers: 10 digits starting with 0 once "+84" / "84" is folded in. */
export function normalisePhone(value: string): string | null {
	const compact = value.replace(/[\s.\-()]/g, '');
	if (!/^\+?\d{9,12}$/.test(compact)) return null;
	let digits = compact.replace(/^\+/, '');
	if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
	return /^0\d{9}$/.test(digits) ? digits : null;
}

/** Deliberately simple (no backtracking on long input): one "@", a dot in the domain, no spaces. */
export function normaliseEmail(value: string): string | null {
	const v = value.trim().toLowerCase();
	if (v.length > 254) return null;
	const at = v.indexOf('@');
	if (at < 1 || at !== v.lastIndexOf('@')) return null;
	const domain = v.slice(at + 1);
	if (/\s/.test(v) || !domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return null;
	return v;
}

export type LoginIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string } | { kind: 'username'; value: string };

/** What a person typed in the login box, in the form it is stored. */
export function parseLoginIdentifier(raw: string): LoginIdentifier | null {
	const value = raw.normalize('NFC').trim();
	if (!value || value.length > 254) return null;
	if (value.includes('@')) {
		const email = normaliseEmail(value);
		return email ? { kind: 'email', value: email } : null;
	}
	const phone = normalisePhone(value);
	if (phone) return { kind: 'phone', value: phone };
	return /^[a-z0-9._-]{3,40}$/i.test(value) ? { kind: 'username', value: value.toLowerCase() } : null;
}

/** Throttle key for a login identifier; also for unparseable input, so garbage is throttled too. */
export function throttleKeyFor(raw: string): string {
	const parsed = parseLoginIdentifier(raw);
	return `account:${parsed ? parsed.value : raw.normalize('NFC').trim().toLowerCase().slice(0, 254)}`;
}
