import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signingKeys } from '../db/schema';
import { ed25519Multikey } from '../../domain/credentials/encoding';

export interface SigningKey {
	id: string;
	publicKey: Uint8Array;
	privateKey: KeyObject;
}

const rawPublic = (key: KeyObject) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');

/**
 * The key this installation signs credentials with: the newest stored one, generated (Ed25519) and kept in the
 * database the first time a credential is asked for, so backups carry it and every process signs alike.
 */
export function installationKey(db: Db, now: number): SigningKey {
	const read = () => db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.id)).get();
	let row = read();
	if (!row) {
		const pair = generateKeyPairSync('ed25519');
		const publicKey = rawPublic(pair.publicKey);
		db.insert(signingKeys)
			.values({
				id: `key-${ed25519Multikey(publicKey).slice(-12)}`,
				publicKey: publicKey.toString('base64url'),
				privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
				createdAt: now
			})
			.onConflictDoNothing()
			.run();
		row = read()!;
	}
	return {
		id: row.id,
		publicKey: Buffer.from(row.publicKey, 'base64url'),
		privateKey: createPrivateKey({ key: Buffer.from(row.privateKey, 'base64'), format: 'der', type: 'pkcs8' })
	};
}

/** Every public key the installation has signed with, newest first. */
export function publishedKeys(db: Db): { id: string; publicKey: Uint8Array }[] {
	return db
		.select({ id: signingKeys.id, publicKey: signingKeys.publicKey })
		.from(signingKeys)
		.orderBy(desc(signingKeys.createdAt))
		.all()
		.map((k) => ({ id: k.id, publicKey: Buffer.from(k.publicKey, 'base64url') }));
}

/** A raw Ed25519 public key as node:crypto takes it. */
export const ed25519PublicKey = (raw: Uint8Array) =>
	createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
