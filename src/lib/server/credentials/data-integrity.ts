import { createHash, sign, verify } from 'node:crypto';
import { base58btc, canonicalJson, fromBase58btc } from '../../domain/credentials/encoding';
import { ed25519PublicKey, type SigningKey } from './keys';

/**
 * W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (VC Data Integrity EdDSA Cryptosuites v1.0,
 * §3.3): the proof options and the document are each canonicalised with JCS and hashed with SHA-256, and the
 * two hashes (options first) are signed with Ed25519.
 */
export interface DataIntegrityProof {
	type: 'DataIntegrityProof';
	cryptosuite: 'eddsa-jcs-2022';
	created: string;
	verificationMethod: string;
	proofPurpose: 'assertionMethod';
	proofValue: string;
}

type Document = Record<string, unknown> & { '@context'?: unknown };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function hashData(document: Document, options: Omit<DataIntegrityProof, 'proofValue'>): Buffer {
	const proofConfig = { ...options, '@context': document['@context'] };
	return Buffer.concat([sha256(canonicalJson(proofConfig)), sha256(canonicalJson(document))]);
}

export function signDocument<T extends Document>(
	document: T,
	key: SigningKey,
	at: { created: Date; verificationMethod: string }
): T & { proof: DataIntegrityProof } {
	const options = {
		type: 'DataIntegrityProof' as const,
		cryptosuite: 'eddsa-jcs-2022' as const,
		created: at.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		verificationMethod: at.verificationMethod,
		proofPurpose: 'assertionMethod' as const
	};
	const signature = sign(null, hashData(document, options), key.privateKey);
	return { ...document, proof: { ...options, proofValue: `z${base58btc(signature)}` } };
}

/** Whether the document's proof is a valid eddsa-jcs-2022 signature of it by this raw Ed25519 public key. */
export function verifyDocument(secured: Document & { proof?: unknown }, publicKey: Uint8Array): boolean {
	const { proof, ...document } = secured;
	if (!proof || typeof proof !== 'object') return false;
	const { proofValue, ...options } = proof as DataIntegrityProof;
	if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== 'eddsa-jcs-2022' || typeof proofValue !== 'string') return false;
	const signature = proofValue.startsWith('z') ? fromBase58btc(proofValue.slice(1)) : null;
	if (!signature || signature.length !== 64) return false;
	try {
		return verify(null, hashData(document, options), ed25519PublicKey(publicKey), signature);
	} catch {
		return false;
	}
}
