import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '$lib/domain/exports/openapi';

/** OpenAPI 3.1 description of the open-data endpoints. */
export const GET: RequestHandler = async ({ url }) =>
	json(openApiDocument(url.origin), { headers: { 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' } });
