/**
 * The province's list of approved initiatives as .xlsx (`/so-lieu/sang-kien.xlsx`) over INITIATIVES works
 * (default 100,000) in one period: time to stream the whole file, peak RSS growth over the set-up's, and the
 * longest event-loop stall while it streams (other requests wait that long). Goal (issue 12): ≤ 10 s, RSS
 * growth ≤ 100 MB.
 *
 *   node --import tsx bench/export.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildProvince } from './figures-setup';
import { initiativesExport } from '../src/lib/server/exports/lists';

const org = buildProvince(Number(process.env.INITIATIVES ?? 100_000), 0);
org.db.$client
	.prepare(
		"insert into periods (campaign_id, code, name, kind, starts_on, ends_on) values (?, 'ALL', 'Toàn phong trào', 'phase', '2023-01-01', '2030-12-31')"
	)
	.run(org.campaignId);
const province = (org.db.$client.prepare('select id from units where parent_id is null').get() as { id: number }).id;
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

const t0 = performance.now();
const file = initiativesExport(
	{ db: org.db, now: Date.UTC(2026, 11, 3, 5) },
	{ campaign: 'bench', unit: String(province), period: 'ALL', cutoff: null }
)!;
let bytes = 0;
const reader = file.body.getReader();
for (;;) {
	const { done, value } = await reader.read();
	if (done) break;
	bytes += value.byteLength;
}
const seconds = (performance.now() - t0) / 1000;
loop.disable();
clearInterval(sampler);
console.log('goal: ≤ 10 s, RSS growth ≤ 100 MB');
console.log(
	`${file.count.toLocaleString('vi-VN')} initiatives → ${(bytes / 1e6).toFixed(1)} MB .xlsx in ${seconds.toFixed(2)} s; ` +
		`RSS growth ${((peak - baseline) / 1e6).toFixed(0)} MB (baseline ${(baseline / 1e6).toFixed(0)} MB); ` +
		`longest event-loop stall ${(loop.max / 1e6).toFixed(0)} ms`
);
