/**
 * The encodings verifiable credentials are signed in: JSON canonicalised by RFC 8785 (JCS) and multibase
 * base58btc ("z…") for keys and signatures, as the eddsa-jcs-2022 cryptosuite asks.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * RFC 8785 for the values credentials hold: object keys sorted by UTF-16 code units (what `sort()` compares) and
 * ECMAScript number and string serialisation (what `JSON.stringify` does).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('JCS has no form for a non-finite number');
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	const entries = Object.entries(value as Record<string, Json | undefined>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
	let zeros = 0;
	while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
	let n = 0n;
	for (const b of bytes) n = n * 256n + BigInt(b);
	let out = '';
	while (n > 0n) {
		out = ALPHABET[Number(n % 58n)] + out;
		n /= 58n;
	}
	return '1'.repeat(zeros) + out;
}

/** The bytes of a base58btc string, or null when a character is not of the alphabet. */
export function fromBase58btc(text: string): Uint8Array | null {
	let zeros = 0;
	while (zeros < text.length && text[zeros] === '1') zeros++;
	let n = 0n;
	for (const c of text.slice(zeros)) {
		const digit = ALPHABET.indexOf(c);
		if (digit < 0) return null;
		n = n * 58n + BigInt(digit);
	}
	const bytes: number[] = [];
	while (n > 0n) {
		bytes.unshift(Number(n % 256n));
		n /= 256n;
	}
	return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

/** The multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = [0xed, 0x01];

/** An Ed25519 public key as a Multikey's `publicKeyMultibase` ("z6Mk…"). */
export const ed25519Multikey = (raw: Uint8Array) => `z${base58btc(Uint8Array.from([...ED25519_PUB, ...raw]))}`;

/** The raw key of a `publicKeyMultibase`, or null when it is not an Ed25519 Multikey. */
export function ed25519FromMultikey(multibase: string): Uint8Array | null {
	if (!multibase.startsWith('z')) return null;
	const bytes = fromBase58btc(multibase.slice(1));
	if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return null;
	return bytes.slice(2);
}
