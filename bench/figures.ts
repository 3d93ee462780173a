/**
 * The province's figures page (`figuresPage`, what `/so-lieu` renders) over 100,000 initiatives and 1,000,000
 * ledger rows: p50/p99 of RUNS calls (default 30) for the province, one district, the current year and phase I.
 * Goal (issue 12): p99 ≤ 300 ms for the province.
 *
 *   node --import tsx bench/figures.ts
 *   INITIATIVES=20000 LEDGER=0 RUNS=10 node --import tsx bench/figures.ts
 */
import { buildProvince } from './figures-setup';
import { percentile } from './scoring-setup';
import { figuresPage } from '../src/lib/server/figures/page';

const RUNS = Number(process.env.RUNS ?? 30);
const org = buildProvince();
const now = Date.UTC(2026, 11, 3, 5);
const district = (org.db.$client.prepare("select id from units where level = 'district' order by id limit 1").get() as { id: number }).id;
const province = (org.db.$client.prepare('select id from units where parent_id is null').get() as { id: number }).id;

function measure(label: string, unit: number, period: string, cutoff: string | null) {
	const times: number[] = [];
	let works = 0;
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		const page = figuresPage({ db: org.db, now, actor: null }, { campaign: 'bench', unit: String(unit), period, cutoff });
		times.push(performance.now() - t0);
		works = page && 'figures' in page && page.figures ? page.figures.works.approved : -1;
	}
	times.sort((a, b) => a - b);
	console.log(
		`${label.padEnd(34)} works ${String(works).padStart(7)}  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms`
	);
}

console.log(`goal: the province's figures, p99 ≤ 300 ms (${RUNS} runs each)`);
measure('province · Năm 2026 · today', province, 'Y2026', null);
measure('province · Giai đoạn I · today', province, 'PH1', null);
measure('province · Năm 2026 · cut-off 31/10', province, 'Y2026', '2026-10-31');
measure('district · Năm 2026 · today', district, 'Y2026', null);
