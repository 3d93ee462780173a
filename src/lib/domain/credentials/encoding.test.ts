import { describe, expect, it } from 'vitest';
import { base58btc, canonicalJson, ed25519FromMultikey, ed25519Multikey, fromBase58btc } from './encoding';

describe('credential encodings', () => {
	it('canonicalises JSON as RFC 8785 does: sorted keys, no spaces, ECMAScript numbers and escapes', () => {
		// RFC 8785 §3.2.2 sorts by UTF-16 code units: "\u20ac" (€) before "\ud83d\ude00" (an emoji) before "\ufb33".
		expect(canonicalJson({ b: [1, 'x', null, true], a: { d: 1e21, c: 0.000001, e: -0 }, '€': 1, '😀': 2, '\ufb33': 3 })).toBe(
			'{"a":{"c":0.000001,"d":1e+21,"e":0},"b":[1,"x",null,true],"€":1,"😀":2,"\ufb33":3}'
		);
		expect(canonicalJson({ text: 'Điện Biên\n"tiên phong"\u2028', skipped: undefined })).toBe(
			'{"text":"Điện Biên\\n\\"tiên phong\\"\u2028"}'
		);
		expect(() => canonicalJson({ n: Number.NaN })).toThrow();
	});

	it('writes base58btc as Bitcoin does, leading zero bytes as 1s, and reads it back', () => {
		expect(base58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
		expect(base58btc(Uint8Array.from([0, 0, 1]))).toBe('112');
		const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
		expect(fromBase58btc(base58btc(bytes))).toEqual(bytes);
		expect(fromBase58btc('0OIl')).toBeNull();
	});

	it('names an Ed25519 key as a z6Mk… Multikey and refuses another kind of key', () => {
		const raw = Uint8Array.from({ length: 32 }, (_, i) => i);
		const multikey = ed25519Multikey(raw);
		expect(multikey.startsWith('z6Mk')).toBe(true);
		expect(ed25519FromMultikey(multikey)).toEqual(raw);
		expect(ed25519FromMultikey(`z${base58btc(Uint8Array.from([0xe7, 0x01, ...raw, 0]))}`)).toBeNull();
	});
});
