import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { databaseHealthy } from '$lib/server/db/client';

/** Public and cheap: for load balancers, uptime checks and the CI smoke test. Nothing personal in it. */
export const GET: RequestHandler = () => {
	const { db, config, realtime } = getRuntime();
	const database = databaseHealthy(db) ? 'ok' : 'down';
	const redis = realtime?.redisState() ?? (config.redisUrl ? 'down' : 'off');
	return json(
		{
			status: database === 'ok' && redis !== 'down' ? 'ok' : 'degraded',
			version: config.version,
			database,
			redis,
			sockets: realtime?.connectedSockets() ?? 0
		},
		{ status: database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
