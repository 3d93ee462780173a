import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { databaseHealthy } from '$lib/server/db/client';

/**
 * Public and cheap: for load balancers, uptime checks, the CI smoke test and benchmarks. Nothing personal in it.
 * `eventLoopDelayMs` covers the time since start or since the last `?reset=1` (which starts a new window).
 */
export const GET: RequestHandler = ({ url }) => {
	const { db, config, realtime, loopDelay } = getRuntime();
	const database = databaseHealthy(db) ? 'ok' : 'down';
	const redis = realtime?.redisState() ?? (config.redisUrl ? 'down' : 'off');
	return json(
		{
			status: database === 'ok' && redis !== 'down' ? 'ok' : 'degraded',
			version: config.version,
			database,
			redis,
			sockets: realtime?.connectedSockets() ?? 0,
			eventLoopDelayMs: loopDelay.read(url.searchParams.get('reset') === '1')
		},
		{ status: database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
