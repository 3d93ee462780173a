import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { databaseHealthy } from '../db/client';
import { getRuntime } from '../runtime';

/** The disk is probed at most this often; reports in between repeat the last answer. */
export const DISK_PROBE_EVERY_MS = 5000;
/** The probe file, in the database's folder: where the WAL grows and a full disk first shows. */
export const DISK_PROBE_FILE = '.tienphong-write-probe';

let lastProbe: { at: number; ok: boolean } | null = null;
let probing: Promise<boolean> | null = null;

/**
 * Whether the database's folder takes a write: 4 KiB written, flushed to the disk and removed. A database
 * that answers `select 1` on a full disk still fails every approval, and says nothing until asked to write.
 */
async function diskWritable(databasePath: string): Promise<boolean> {
	if (databasePath === ':memory:') return true;
	if (lastProbe && performance.now() - lastProbe.at < DISK_PROBE_EVERY_MS) return lastProbe.ok;
	probing ??= (async () => {
		const path = join(dirname(databasePath), DISK_PROBE_FILE);
		let ok = false;
		try {
			const file = await open(path, 'w');
			try {
				await file.writeFile(randomBytes(4096));
				await file.sync();
				ok = true;
			} finally {
				await file.close();
			}
		} catch {
			ok = false;
		}
		await rm(path, { force: true }).catch(() => undefined);
		lastProbe = { at: performance.now(), ok };
		return ok;
	})().finally(() => (probing = null));
	return probing;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may start a new event-loop window: monitoring with the HEALTH_TOKEN secret (header `x-health-token`),
 * or a signed-in province admin. Anyone else could wipe the figures a monitor is collecting.
 */
export function mayResetHealthWindow(event: Pick<RequestEvent, 'locals' | 'request'>): boolean {
	const { healthToken } = getRuntime().config;
	const offered = event.request.headers.get('x-health-token');
	// Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte.
	if (healthToken && offered !== null && timingSafeEqual(digest(offered), digest(healthToken))) return true;
	return event.locals.actor?.grants.some((g) => g.role === 'province_admin') ?? false;
}

/**
 * What /api/health reports about this process: public and cheap, nothing personal. `eventLoopDelayMs`
 * covers the time since start or since the last reset (which starts a new window).
 */
export async function healthReport(resetLoopWindow: boolean) {
	const { db, config, realtime, loopDelay, backups, stopping } = getRuntime();
	const database = databaseHealthy(db) ? 'ok' : 'down';
	const disk = (await diskWritable(config.databasePath)) ? 'ok' : 'down';
	const redis = realtime?.redisState() ?? (config.redisUrl ? 'down' : 'off');
	const backup = backups?.status() ?? { state: 'off' as const, lastOkAt: null };
	return {
		status: stopping ? 'stopping' : database === 'ok' && disk === 'ok' && redis !== 'down' && backup.state !== 'failed' ? 'ok' : 'degraded',
		version: config.version,
		database,
		disk,
		redis,
		backup: backup.state,
		lastBackupAt: backup.lastOkAt === null ? null : new Date(backup.lastOkAt).toISOString(),
		sockets: realtime?.connectedSockets() ?? 0,
		eventLoopDelayMs: loopDelay.read(resetLoopWindow)
	};
}
