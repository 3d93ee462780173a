import { databaseHealthy } from '../db/client';
import { getRuntime } from '../runtime';

/**
 * What /api/health reports about this process: public and cheap, nothing personal. `eventLoopDelayMs`
 * covers the time since start or since the last reset (which starts a new window).
 */
export function healthReport(resetLoopWindow: boolean) {
	const { db, config, realtime, loopDelay, backups } = getRuntime();
	const database = databaseHealthy(db) ? 'ok' : 'down';
	const redis = realtime?.redisState() ?? (config.redisUrl ? 'down' : 'off');
	const backup = backups?.status() ?? { state: 'off' as const, lastOkAt: null };
	return {
		status: database === 'ok' && redis !== 'down' && backup.state !== 'failed' ? 'ok' : 'degraded',
		version: config.version,
		database,
		redis,
		backup: backup.state,
		lastBackupAt: backup.lastOkAt === null ? null : new Date(backup.lastOkAt).toISOString(),
		sockets: realtime?.connectedSockets() ?? 0,
		eventLoopDelayMs: loopDelay.read(resetLoopWindow)
	};
}
