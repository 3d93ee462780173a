/**
 * Login flood (security issue, finding 9): how the leaderboard page answers its readers while bad sign-ins
 * arrive at a steady rate, each from a new address for a new account (so no throttle stops them: only the
 * hashing budget can), with the budget and without it.
 *
 *   node --import tsx bench/login-flood.ts
 *   READ_RATE=20 FLOOD_RATE=75 QUIET_SECONDS=15 FLOOD_SECONDS=20 node --import tsx bench/login-flood.ts
 *
 * For each configuration a fresh production server (build/server.js, demo data, NODE_ENV=production)
 * is started; it takes the client address from X-Forwarded-For (ADDRESS_HEADER, as behind a proxy) so the
 * flood can come from many addresses. Readers GET /bang-xep-hang at READ_RATE per second, open loop (a slow
 * answer does not slow the next request); first alone (the baseline), then with FLOOD_RATE bad sign-ins per
 * second (POST /dang-nhap as a browser without scripts). Nothing is pinned to a CPU: the app may use both
 * cores, as it would in production, and this driver shares them. The machine is shared: what other work took
 * of the CPUs during each phase is printed, with a WARNING above 10 % of a core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './processes';

const ROOT = resolve(import.meta.dirname, '..');
const READ_RATE = Number(process.env.READ_RATE ?? 20);
const FLOOD_RATE = Number(process.env.FLOOD_RATE ?? 75);
const QUIET_SECONDS = Number(process.env.QUIET_SECONDS ?? 15);
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 20);
const CORES = availableParallelism();
/** The figures the finding reported on this machine, for comparison. */
const FINDING = { quietP99: 25, floodP99: 700 };

interface Config {
	name: string;
	env: Record<string, string>;
}
const CONFIGS: Config[] = [
	// What the code did before: four argon2 hashes at once, everyone else waiting in an unbounded line.
	{ name: 'no budget (4 at once, unbounded queue)', env: { HASH_CONCURRENCY: '4', HASH_QUEUE: '1000000' } },
	{ name: 'budget (defaults: half the cores, queue 16)', env: {} }
];

// ---------------------------------------------------------------------------------------------- helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * CPU time (ms) of the app's main thread and of its other threads (libuv's pool runs argon2), the time its main
 * thread spent runnable but waiting for a CPU, the machine's busy time (all cores) and this driver's CPU time:
 * busy − app − driver is what other work on the shared machine took.
 */
function sample(pid: number) {
	let main = 0;
	let threads = 0;
	let mainWait = 0;
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const [run, queued] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
			if (tid === String(pid)) {
				main += run! / 1e6;
				mainWait += queued! / 1e6;
			} else threads += run! / 1e6;
		} catch {
			// the thread ended meanwhile
		}
	}
	const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
	const jiffies = fields.map(Number);
	const idle = jiffies[3]! + jiffies[4]!;
	const busy = ((jiffies.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * 1000) / 100; // USER_HZ = 100
	const usage = process.cpuUsage();
	return { main, threads, mainWait, busy, driver: (usage.user + usage.system) / 1000 };
}

interface App {
	proc: ChildProcess;
	url: string;
	stop(): Promise<void>;
}

async function startApp(config: Config, dir: string): Promise<App> {
	const port = await freePort();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_PATH: join(dir, `${Object.values(config.env).join('-') || 'default'}.db`),
		NODE_ENV: 'production',
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		...config.env
	};
	for (const key of ['REDIS_URL', 'ORIGIN', 'HASH_CONCURRENCY', 'HASH_QUEUE'] as const) if (!(key in config.env)) delete env[key];
	const proc = spawn(process.execPath, ['build/server.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	await new Promise<void>((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`the app did not start:\n${out}`)), 60_000);
		const check = () => {
			if (!out.includes('đang chạy tại')) return;
			clearTimeout(timer);
			ok();
		};
		proc.stdout!.on('data', check);
		void exited.then(() => fail(new Error(`the app exited:\n${out}`)));
	});
	return {
		proc,
		url: `http://127.0.0.1:${port}`,
		async stop() {
			if (proc.exitCode !== null) return;
			proc.kill('SIGTERM');
			await Promise.race([exited, sleep(15_000).then(() => proc.kill('SIGKILL'))]);
		}
	};
}

/** Behind the (pretend) proxy every request names its client: the readers are one office. */
const READER = { 'x-forwarded-for': '192.0.2.10' };

type LoopDelay = { p50: number; p99: number; max: number };
async function loopDelay(app: App, reset: boolean): Promise<LoopDelay> {
	const res = await fetch(`${app.url}/api/health${reset ? '?reset=1' : ''}`, { headers: READER });
	return ((await res.json()) as { eventLoopDelayMs: LoopDelay }).eventLoopDelayMs;
}

/** Calls `fire` `rate` times a second for `seconds`, on schedule whether or not earlier calls have answered. */
async function openLoop(rate: number, seconds: number, fire: () => Promise<void>): Promise<{ sent: number; lateMs: number }> {
	const pending: Promise<void>[] = [];
	const start = performance.now();
	const total = Math.round(rate * seconds);
	let lateMs = 0;
	for (let i = 0; i < total; i++) {
		const due = start + (i * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		else lateMs = Math.max(lateMs, -wait);
		pending.push(fire());
	}
	await Promise.all(pending);
	return { sent: total, lateMs };
}

const randomOctet = () => Math.floor(Math.random() * 254) + 1;

interface PhaseResult {
	reads: number[];
	readErrors: number;
	/** failed: no answer at all (the connection timed out). */
	logins: { hashed: number; shed: number; throttled: number; other: number; failed: number; latencies: number[] };
	loop: LoopDelay;
	cpu: { main: number; threads: number; mainWait: number; others: number; driver: number; wallMs: number };
	lateMs: number;
}

async function runPhase(app: App, seconds: number, floodRate: number): Promise<PhaseResult> {
	const reads: number[] = [];
	let readErrors = 0;
	const logins = { hashed: 0, shed: 0, throttled: 0, other: 0, failed: 0, latencies: [] as number[] };
	await loopDelay(app, true);
	const s0 = sample(app.proc.pid!);
	const t0 = performance.now();
	const read = async () => {
		const sent = performance.now();
		try {
			const res = await fetch(`${app.url}/bang-xep-hang`, { headers: READER });
			await res.arrayBuffer();
			if (res.status === 200) reads.push(performance.now() - sent);
			else readErrors++;
		} catch {
			readErrors++;
		}
	};
	const guess = async () => {
		const sent = performance.now();
		const res = await fetch(`${app.url}/dang-nhap`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: app.url,
				'x-forwarded-for': `10.${randomOctet()}.${randomOctet()}.${randomOctet()}`
			},
			body: new URLSearchParams({
				identifier: `khach-${Math.random().toString(36).slice(2, 10)}`,
				password: 'doan-mo-mat-khau',
				next: '/'
			}).toString(),
			redirect: 'manual'
		}).catch(() => null);
		if (!res) {
			logins.failed++;
			return;
		}
		const text = await res.text();
		logins.latencies.push(performance.now() - sent);
		if (res.status === 400) logins.hashed++;
		else if (res.status === 429 && text.includes('Máy chủ đang bận')) logins.shed++;
		else if (res.status === 429) logins.throttled++;
		else logins.other++;
	};
	const [readers, flood] = await Promise.all([
		openLoop(READ_RATE, seconds, read),
		floodRate > 0 ? openLoop(floodRate, seconds, guess) : Promise.resolve({ sent: 0, lateMs: 0 })
	]);
	const wallMs = performance.now() - t0;
	const s1 = sample(app.proc.pid!);
	const d = (k: keyof typeof s0) => s1[k] - s0[k];
	return {
		reads,
		readErrors,
		logins,
		loop: await loopDelay(app, false),
		cpu: {
			main: d('main'),
			threads: d('threads'),
			mainWait: d('mainWait'),
			driver: d('driver'),
			others: Math.max(0, d('busy') - d('main') - d('threads') - d('driver')),
			wallMs
		},
		lateMs: Math.max(readers.lateMs, flood.lateMs)
	};
}

function report(config: string, phase: string, r: PhaseResult, seconds: number): string[] {
	const { cpu } = r;
	const lines = [
		`${config} — ${phase}`,
		`  board page: ${r.reads.length} answers, p50 / p95 / p99 / max = ${f1(percentile(r.reads, 50))} / ${f1(percentile(r.reads, 95))} / ${f1(percentile(r.reads, 99))} / ${f1(Math.max(...r.reads))} ms${r.readErrors ? `, ${r.readErrors} errors` : ''}`,
		`  app event-loop delay p50 / p99 / max = ${f1(r.loop.p50)} / ${f1(r.loop.p99)} / ${f1(r.loop.max)} ms`,
		`  CPU, % of one core: app main thread ${f0((cpu.main / cpu.wallMs) * 100)}, app other threads (argon2, GC) ${f0((cpu.threads / cpu.wallMs) * 100)}, this driver ${f0((cpu.driver / cpu.wallMs) * 100)}, other work on the machine ${f0((cpu.others / cpu.wallMs) * 100)} (of ${CORES * 100}); app main thread waited for a CPU ${f0((cpu.mainWait / cpu.wallMs) * 100)} % of the time`
	];
	const total = r.logins.hashed + r.logins.shed + r.logins.throttled + r.logins.other + r.logins.failed;
	if (total > 0) {
		lines.push(
			`  sign-ins: ${f1(total / seconds)}/s sent; hashed (400) ${r.logins.hashed}, shed (429 busy) ${r.logins.shed}, throttled ${r.logins.throttled}, other ${r.logins.other}, no answer ${r.logins.failed}; answer p50 / p99 = ${f1(percentile(r.logins.latencies, 50))} / ${f1(percentile(r.logins.latencies, 99))} ms`
		);
	}
	if (cpu.others / cpu.wallMs > 0.1)
		lines.push('  WARNING: other work on this shared machine took more than 10 % of a core during the phase: figures are noisy');
	if (r.lateMs > 50) lines.push(`  WARNING: the driver fell ${f0(r.lateMs)} ms behind its schedule`);
	return lines;
}

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'build/handler.js'))) {
		console.log('build/ is missing: building…');
		const build = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
		const code = await new Promise<number | null>((r) => build.once('exit', r));
		if (code !== 0) throw new Error('build failed');
	}
	const dir = mkdtempSync(join(tmpdir(), 'tienphong-login-flood-'));
	const out: string[] = [
		`login flood: readers ${READ_RATE}/s on /bang-xep-hang; flood ${FLOOD_RATE} bad sign-ins/s, each a new account from a new address`,
		`quiet ${QUIET_SECONDS} s, then flood ${FLOOD_SECONDS} s; load average at start ${loadAverage()}`,
		`baseline from the finding on this machine: board p99 ~${FINDING.quietP99} ms quiet, ~${FINDING.floodP99} ms under ~75 bad sign-ins/s`,
		''
	];
	console.log(out.join('\n'));
	let app: App | null = null;
	try {
		for (const config of CONFIGS) {
			app = await startApp(config, dir);
			// Warm up: the first requests of a route load and compile its code.
			for (let i = 0; i < 10; i++) await (await fetch(`${app.url}/bang-xep-hang`, { headers: READER })).arrayBuffer();
			const quiet = await runPhase(app, QUIET_SECONDS, 0);
			const flooded = await runPhase(app, FLOOD_SECONDS, FLOOD_RATE);
			const lines = [...report(config.name, 'quiet', quiet, QUIET_SECONDS), ...report(config.name, 'flood', flooded, FLOOD_SECONDS), ''];
			console.log(lines.join('\n'));
			await app.stop();
			app = null;
		}
		console.log(`load average at the end ${loadAverage()}`);
	} finally {
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
