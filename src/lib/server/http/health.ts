import { databaseHealthy } from '../db/client';
import { getRuntime } from '../runtime';

/**
 * What /api/health reports about this process: public and cheap, nothing personal. `eventLoopDelayMs`
 * covers the time since start or since the last reset (which starts a new window).
 */
export function healthReport(resetLoopWindow: boolean) {
	const { db, config, realtime, loopDelay } = getRuntime();
	const database = databaseHealthy(db) ? 'ok' : 'down';
	const redis = realtime?.redisState() ?? (config.redisUrl ? 'down' : 'off');
	return {
		status: database === 'ok' && redis !== 'down' ? 'ok' : 'degraded',
		version: config.version,
		database,
		redis,
		sockets: realtime?.connectedSockets() ?? 0,
		eventLoopDelayMs: loopDelay.read(resetLoopWindow)
	};
}
