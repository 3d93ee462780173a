/**
 * Issue 14, goal 1 (data scale): the production server on a database SCALE times the demo's size — at 100, the
 * province's real size: 34,077 members in 1,500 branches, 100,000 works (2,500 waiting for review), a ledger of
 * 1,000,000 rows crediting members, branches, grassroots unions and districts — timed page by page as the people
 * who open them would: p50/p99 of REQUESTS sequential requests (server time on an idle loopback), the server's CPU
 * per request, and the HTML's size (uncompressed, and as a phone gets it with brotli). Also start-up to the first
 * answer and the resident memory once started.
 *
 *   npm run build
 *   node --import tsx bench/scale.ts              # 100× the demo, 1,000,000 ledger rows
 *   SCALE=10 node --import tsx bench/scale.ts     # 10×: 3,408 members, 10,000 works, 100,000 ledger rows
 *   HISTORY=years node --import tsx bench/scale.ts # the ledger over four years (writeApprovalLedger), past periods closed
 *
 * By default the ledger's rows fall in the 60 days before 25/11/2026, all in open periods: every board the store holds.
 * HISTORY=years writes them as the province's approvals since March 2023 would, and closes the periods that ended
 * before the day (Y2023-Y2025, PH1, HE2026), as the province's office would have by then.
 *
 * Goals at 100× and 1M rows: every page p99 ≤ 50 ms and ≤ 80 KB of HTML; start-up ≤ 5 s; RSS ≤ 300 MB.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { isNull } from 'drizzle-orm';
import { buildProvince } from './figures-setup';
import { closePastPeriods, seededRandom, writeApprovalLedger, writeLedger } from './scoring-setup';
import { isoDay } from '../src/lib/format';
import { memberships, people, roleAssignments, units } from '../src/lib/server/db/schema';
import { createSession } from '../src/lib/server/auth/sessions';
import { createServer } from 'node:net';

const SCALE = Number(process.env.SCALE ?? 100);
const LEDGER = Number(process.env.LEDGER ?? SCALE * 10_000);
const REQUESTS = Number(process.env.REQUESTS ?? 20);
/** 25/11/2026 10:00 in Điện Biên: the ledger's rows were written over the 60 days before. */
const NOW = Date.UTC(2026, 10, 25, 3);
const DAY_MS = 86_400_000;
const GOAL = { p99Ms: 50, htmlKb: 80, startS: 5, rssMb: 300 };

const members = Math.round(340.77 * SCALE);
const branches = 15 * SCALE;
const org = buildProvince(1_000 * SCALE, 0, { members, branches });
const random = seededRandom(42);
const t0 = performance.now();
const HISTORY = process.env.HISTORY === 'years' ? 'years' : 'recent';
if (HISTORY === 'years') writeApprovalLedger(org, LEDGER);
else writeLedger(org, LEDGER, () => NOW - Math.floor(random() * 60 * DAY_MS), 0, random);
const closed = HISTORY === 'years' ? closePastPeriods(org, isoDay(NOW)) : [];
console.log(
	`ledger: ${LEDGER.toLocaleString('vi-VN')} rows (${HISTORY === 'years' ? 'over four years' : 'over 60 days'}) in ${((performance.now() - t0) / 1000).toFixed(1)} s; periods closed: ${closed.join(', ') || 'none'}`
);

// Who opens the pages: the province's office, a district's verifier, a member.
const db = org.db;
const province = db.select().from(units).where(isNull(units.parentId)).get()!;
const [districtId, verifierId] = [...org.verifierByDistrict.entries()][0]!;
const admin = db.insert(people).values({ fullName: 'Văn phòng Tỉnh đoàn', displayName: 'VP', createdAt: 0 }).returning().get().id;
db.insert(memberships).values({ personId: admin, unitId: province.id, joinedOn: '2023-01-01' }).run();
db.insert(roleAssignments).values({ personId: admin, role: 'province_admin', unitId: province.id, grantedAt: 0 }).run();
const member = org.membersByBranch.get(org.branches[0]!.id)![0]!;
const realNow = Date.now();
const cookie = (personId: number) => `tp_session=${createSession(db, personId, realNow).token}`;
const as = { admin: cookie(admin), verifier: cookie(verifierId), member: cookie(member) };
db.$client.pragma('wal_checkpoint(TRUNCATE)');
db.$client.close();

const board = (subject: string) => `${org.campaignId}|${subject}|${province.id}|Y2026`;
const pages: Array<{ what: string; path: string; cookie?: string }> = [
	{ what: 'home, anonymous (cached)', path: '/' },
	{ what: 'board, anonymous (cached)', path: '/bang-xep-hang' },
	{ what: 'board: districts, member', path: '/bang-xep-hang?doi-tuong=district', cookie: as.member },
	{ what: 'board: members, member', path: '/bang-xep-hang?doi-tuong=member', cookie: as.member },
	{
		what: 'explain a district, anonymous',
		path: `/bang-xep-hang/giai-thich?bang=${encodeURIComponent(board('district'))}&id=${districtId}`
	},
	{ what: 'a district’s page, member', path: `/don-vi/${districtId}`, cookie: as.member },
	{ what: 'stories, anonymous', path: '/sang-kien' },
	{ what: 'review queue, district verifier', path: '/duyet', cookie: as.verifier },
	{ what: 'my page, province office', path: '/toi', cookie: as.admin },
	{ what: 'my page, member', path: '/toi', cookie: as.member },
	...(closed.includes('Y2025')
		? [{ what: 'board of 2025 (closed), member', path: '/bang-xep-hang?doi-tuong=member&ky=Y2025', cookie: as.member }]
		: []),
	{ what: 'bell, province office', path: '/thong-bao', cookie: as.admin },
	{ what: 'figures, province office', path: '/so-lieu', cookie: as.admin }
];

const port = await new Promise<number>((ok) => {
	const probe = createServer().listen(0, '127.0.0.1', () => {
		const { port } = probe.address() as { port: number };
		probe.close(() => ok(port));
	});
});
const started = performance.now();
const server = spawn(process.execPath, ['build/server.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: org.path },
	stdio: ['ignore', 'pipe', 'inherit']
});
const base = `http://127.0.0.1:${port}`;
const cpuMs = () => {
	const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

function get(path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; ms: number }> {
	const start = performance.now();
	return new Promise((ok, fail) => {
		request(`${base}${path}`, { headers }, (res) => {
			let bytes = 0;
			res.on('data', (d: Buffer) => (bytes += d.length));
			res.on('end', () => ok({ status: res.statusCode!, bytes, ms: performance.now() - start }));
		})
			.on('error', fail)
			.end();
	});
}

try {
	for (;;) {
		const up = await get('/api/health', {}).catch(() => null);
		if (up?.status === 200) break;
		if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const startS = (performance.now() - started) / 1000;
	const rssStart = rssMb();
	console.log(
		`scale ${SCALE}× the demo: ${members.toLocaleString('vi-VN')} members, ${branches} branches, ${(1_000 * SCALE).toLocaleString('vi-VN')} works, ${LEDGER.toLocaleString('vi-VN')} ledger rows · load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	console.log(
		`start-up to the first answer ${startS.toFixed(1)} s (goal ≤ ${GOAL.startS} s: ${startS <= GOAL.startS ? 'met' : 'MISSED'}) · RSS ${rssStart.toFixed(0)} MB (goal ≤ ${GOAL.rssMb} MB: ${rssStart <= GOAL.rssMb ? 'met' : 'MISSED'})`
	);
	console.log(
		`${'page'.padEnd(34)}      p50      p99   CPU/req      HTML    brotli  goal (p99 ≤ ${GOAL.p99Ms} ms, HTML ≤ ${GOAL.htmlKb} KB)`
	);
	for (const page of pages) {
		const headers: Record<string, string> = page.cookie ? { cookie: page.cookie } : {};
		const first = await get(page.path, headers);
		if (first.status !== 200) throw new Error(`${page.path}: ${first.status}`);
		await get(page.path, headers);
		const cpuBefore = cpuMs();
		const times: number[] = [];
		for (let i = 0; i < REQUESTS; i++) times.push((await get(page.path, headers)).ms);
		const cpu = (cpuMs() - cpuBefore) / REQUESTS;
		const br = await get(page.path, { ...headers, 'accept-encoding': 'br' });
		times.sort((a, b) => a - b);
		const p50 = times[Math.floor(times.length / 2)]!;
		const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!;
		const kb = first.bytes / 1024;
		const met = p99 <= GOAL.p99Ms && kb <= GOAL.htmlKb;
		console.log(
			`${page.what.padEnd(34)} ${p50.toFixed(1).padStart(6)} ms ${p99.toFixed(1).padStart(6)} ms ${cpu.toFixed(1).padStart(6)} ms ${kb.toFixed(0).padStart(6)} KB ${(br.bytes / 1024).toFixed(0).padStart(6)} KB  ${met ? 'met' : 'MISSED'}`
		);
	}
	console.log(
		`RSS after the pages ${rssMb().toFixed(0)} MB · load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
} finally {
	server.kill('SIGTERM');
}
