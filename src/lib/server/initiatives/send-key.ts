import { randomBytes } from 'node:crypto';

/** A new-work form's name for one save (see initiatives.sendKey): 128 random bits in hex. */
export function newSendKey(): string {
	return randomBytes(16).toString('hex');
}

/** The key a form sent, or null for anything else (an older page without one, or junk: the save goes on without it). */
export function readSendKey(value: FormDataEntryValue | null): string | null {
	return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value) ? value : null;
}
