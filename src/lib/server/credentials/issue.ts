import type { ServiceContext } from '../context';
import { installationKey } from './keys';
import { signDocument } from './data-integrity';
import { openBadgeCredential, type CredentialFacts } from '../../domain/credentials/open-badge';

/** The public key document every credential's proof names (`verificationMethod`) and every issuer's id. */
export const KEY_DOCUMENT_PATH = '/xac-minh/khoa.json';

/**
 * An Open Badges 3.0 credential of these facts, signed with the installation's key; its proof is dated when the
 * thing was given, so the same facts give the same bytes every time (Ed25519 signatures are deterministic).
 */
export function issueCredential(
	ctx: Pick<ServiceContext, 'db' | 'now'>,
	facts: Omit<CredentialFacts, 'issuer'> & { issuer: { name: string; url: string } },
	origin: string
) {
	const key = installationKey(ctx.db, ctx.now);
	const credential = openBadgeCredential({ ...facts, issuer: { id: `${origin}${KEY_DOCUMENT_PATH}`, ...facts.issuer } });
	return signDocument(credential, key, { created: facts.awardedOn, verificationMethod: `${origin}${KEY_DOCUMENT_PATH}#${key.id}` });
}
