import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { installationKey, publishedKeys } from '$lib/server/credentials/keys';
import { KEY_DOCUMENT_PATH } from '$lib/server/credentials/issue';
import { ed25519Multikey } from '$lib/domain/credentials/encoding';

/**
 * The installation's public keys as a controlled identifier document (W3C CID 1.0, Multikey): the document
 * every credential's proof names, and the issuer's id.
 */
export const GET: RequestHandler = (event) => {
	const ctx = serviceContext(event);
	installationKey(ctx.db, ctx.now);
	const id = `${event.url.origin}${KEY_DOCUMENT_PATH}`;
	const methods = publishedKeys(ctx.db).map((k) => ({
		id: `${id}#${k.id}`,
		type: 'Multikey',
		controller: id,
		publicKeyMultibase: ed25519Multikey(k.publicKey)
	}));
	return json(
		{
			'@context': ['https://www.w3.org/ns/cid/v1'],
			id,
			verificationMethod: methods,
			assertionMethod: methods.map((m) => m.id)
		},
		{ headers: { 'cache-control': 'public, max-age=300' } }
	);
};
