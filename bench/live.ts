/**
 * Live pushes (issue 5, benchmarks B1, B2, B5): N socket.io clients in separate processes watch the province's
 * 2026 member board while a district verifier approves initiatives over HTTP at a steady rate; every delivery
 * is timestamped. Then, in the same run, a bare `ws` server broadcasts a captured board:delta to the same
 * number of clients from the same processes: the baseline every figure is compared with.
 *
 *   npm run bench:live                              (N=1000)
 *   N=10000 npm run bench:live
 *   N=10000 CLIENT_PROCESSES=4 RATE=20 SECONDS=12 ROUNDS=20 npm run bench:live
 *   N=10000 APP_WORKERS=2 npm run bench:live       (the app as a cluster of 2 workers: WORKERS=2, not pinned)
 *   LIVE_REDIS_URL=redis://127.0.0.1:6379 npm run bench:live   (the app with the Redis store and adapter)
 *   LIVE_DB_DIR=/dev/shm npm run bench:live     (SQLite on tmpfs: what the disk's fsync adds, for diagnosis)
 *   CLIENT=socket.io-client npm run bench:live  (the real client library instead of the lean protocol client)
 *   LIVE_CPU_PROF=/tmp/prof npm run bench:live  (a CPU profile of the app, written when it stops)
 *
 * The app server and the raw-ws server run on CPU0, the client processes and this one on CPU1 (taskset).
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import type { ComeBack, FromClients, Received, SocketIoClient, ToClients } from './live-clients';
import type { FromWsServer, ToWsServer } from './live-ws-server';
import { LIVE_BOARD, LIVE_VERIFIER, prepareLiveDatabase } from './live-setup';
import { TICK_MS, type WireDelta } from '../src/lib/realtime/contract';
import { appEnv, freePort, processTree, signIn } from './processes';

const ROOT = resolve(import.meta.dirname, '..');
const N = Number(process.env.N ?? 1000);
/** Processes the generator's clients run in (all on CPU1). */
const CLIENT_PROCESSES = Number(process.env.CLIENT_PROCESSES ?? 4);
/** The app's WORKERS: above 1 the app is a cluster, left to the scheduler on both CPUs (it then shares CPU1 with the clients). */
const APP_WORKERS = Number(process.env.APP_WORKERS ?? 1);
/** Approvals per second during the delivery phase, and for how long. */
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 12);
/** Fan-out-only rounds (one approval, or one raw broadcast, per second). */
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const CONNECT_RATE = Number(process.env.CONNECT_RATE ?? 2000);
/** Approvals timed with nobody watching, before the clients connect: the app's CPU per approval without a push. */
const CALIBRATION = 10;
/** Approvals before those, untimed: the first requests of a route load and compile its code. */
const WARM_UP = 5;
const REDIS_URL = process.env.LIVE_REDIS_URL ?? '';
/** The Socket.IO client the generator runs: the lean protocol client, or the real library (see live-clients.ts). */
const CLIENT: SocketIoClient = process.env.CLIENT === 'socket.io-client' ? 'socket.io-client' : 'lean';
/** Where the SQLite file goes; LIVE_DB_DIR=/dev/shm separates the disk's fsync from the rest (diagnosis only). */
const DB_DIR = process.env.LIVE_DB_DIR || tmpdir();

const GOALS = {
	deliveryP99: 500,
	lastP99: 600,
	fanOutRatio: 1.3,
	kbPerConnection: 16,
	loopP99: 40,
	totalRssMb: 300,
	deltaBytesP50: 300,
	bytesPerPhonePerSecond: 1024,
	stormSeconds: 15,
	/** Issue 14: CPU per broadcast, and the fan-out's share of delivery, within this much of raw ws. */
	overRawWs: 1.2,
	approvalsPerSecond: 250
};
/** Approvals made while the storm's sockets are away, so that they come back to a board that moved. */
const STORM_APPROVALS = 2;

// ---------------------------------------------------------------------------------------------- helpers

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f0 = (v: number) => Math.round(v).toLocaleString('en-US');
const f1 = (v: number) => v.toFixed(1);
const percentile = (sorted: ArrayLike<number>, p: number) =>
	sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sortNumbers = (values: number[]) => Float64Array.from(values).sort();
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** A /proc/<pid>/status memory field in bytes, summed over the process tree. */
function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	return processTree(pid).reduce((sum, p) => {
		try {
			const line = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${p}/status`, 'utf8'));
			return sum + (line ? Number(line[1]) * 1024 : 0);
		} catch {
			return sum;
		}
	}, 0);
}

/** VmHWM: the highest RSS the process (each of the app's processes) has had. */
function peakRssOf(pid: number): number {
	return statusBytes(pid, 'VmHWM');
}

/**
 * Main-thread time on a CPU and time spent runnable but waiting for one (/proc/<pid>/schedstat, ms), summed
 * over processes: the second is what other work on the machine took from ours.
 */
function schedOf(pids: number[]): { cpu: number; wait: number; threads: number } {
	let cpu = 0;
	let wait = 0;
	let threads = 0;
	for (const pid of pids) {
		let schedstat: string;
		try {
			schedstat = readFileSync(`/proc/${pid}/schedstat`, 'utf8');
		} catch {
			continue; // the process ended meanwhile
		}
		const [run, queued] = schedstat.split(' ').map(Number);
		cpu += run! / 1e6;
		wait += queued! / 1e6;
		// The process's other threads (GC helpers, libuv's pool) share its CPU and can make the main thread wait.
		for (const tid of readdirSync(`/proc/${pid}/task`)) {
			if (tid === String(pid)) continue;
			try {
				threads += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
			} catch {
				// the thread ended meanwhile
			}
		}
	}
	return { cpu, wait, threads };
}
type Sched = ReturnType<typeof schedOf>;
interface Phase {
	name: string;
	wallMs: number;
	server: Sched;
	clients: Sched;
}
/** Measures one phase's CPU use and wait of the server and the client processes. */
function phase(name: string, server: () => number[], clients: () => number[]): () => Phase {
	const t0 = now();
	const s0 = schedOf(server());
	const c0 = schedOf(clients());
	return () => {
		const s1 = schedOf(server());
		const c1 = schedOf(clients());
		const diff = (a: Sched, b: Sched): Sched => ({ cpu: b.cpu - a.cpu, wait: b.wait - a.wait, threads: b.threads - a.threads });
		return { name, wallMs: now() - t0, server: diff(s0, s1), clients: diff(c0, c1) };
	};
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
/** The command line for a process on one CPU, when taskset exists. */
const pinned = (cpu: number, args: string[]): [string, string[]] =>
	hasTaskset ? ['taskset', ['-c', String(cpu), ...args]] : [args[0]!, args.slice(1)];

const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}
function killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
	for (const child of children) if (child.exitCode === null && child.pid) child.kill(signal);
}
process.on('exit', () => killAll());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		console.error(`${signal}: stopping every process of the benchmark`);
		killAll();
		process.exit(130);
	});
}

/** Waits for the next IPC message of a child that satisfies `pick`. */
function nextMessage<T>(child: ChildProcess, pick: (m: T) => boolean, timeoutMs: number, what: string): Promise<T> {
	return new Promise((ok, fail) => {
		const timer = setTimeout(() => {
			child.off('message', listener);
			fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
		const listener = (m: T) => {
			if (!pick(m)) return;
			clearTimeout(timer);
			child.off('message', listener);
			ok(m);
		};
		child.on('message', listener);
	});
}

// ------------------------------------------------------------------------------------------ the app server

interface App {
	proc: ChildProcess;
	url: string;
	output: () => string;
	/** Memory after a full GC (the probe preloaded into the server). */
	memory(): Promise<{ rss: number; heapUsed: number }>;
	stop(): Promise<void>;
}

/** Lets the bench start a new event-loop window (only monitoring with the token or a province admin may). */
const HEALTH_TOKEN = randomBytes(16).toString('hex');

async function startApp(databasePath: string, redisPrefix: string): Promise<App> {
	const port = await freePort();
	const env = appEnv(port, databasePath, { NODE_ENV: 'production', HEALTH_TOKEN });
	if (REDIS_URL) Object.assign(env, { REDIS_URL, REDIS_PREFIX: redisPrefix });
	if (APP_WORKERS > 1) env.WORKERS = String(APP_WORKERS);
	else delete env.WORKERS;
	const appArgs = [
		process.execPath,
		'--expose-gc',
		...(process.env.LIVE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LIVE_CPU_PROF}`] : []),
		'--import',
		'./bench/live-server-probe.mjs',
		'build/server.js'
	];
	// A cluster is left to the scheduler: pinned to CPU0 its two workers would share one core.
	const [cmd, args] = APP_WORKERS > 1 ? [appArgs[0]!, appArgs.slice(1)] : pinned(0, appArgs);
	const proc = track(spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	await new Promise<void>((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`the app did not start:\n${out}`)), 60_000);
		const check = () => {
			if (!out.includes('đang chạy tại')) return;
			clearTimeout(timer);
			proc.stdout!.off('data', check);
			ok();
		};
		proc.stdout!.on('data', check);
		void exited.then(() => fail(new Error(`the app exited:\n${out}`)));
	});
	return {
		proc,
		url: `http://127.0.0.1:${port}`,
		output: () => out,
		async memory() {
			// A cluster's processes each hold their own heap: their RSS summed, without a GC first.
			if (APP_WORKERS > 1) return { rss: statusBytes(proc.pid!, 'VmRSS'), heapUsed: NaN };
			const from = out.length;
			proc.kill('SIGUSR2');
			for (let i = 0; i < 200; i++) {
				const line = /\[live-probe\] (\{.*\})/.exec(out.slice(from));
				if (line) return JSON.parse(line[1]!) as { rss: number; heapUsed: number };
				await sleep(25);
			}
			throw new Error('the memory probe did not answer');
		},
		async stop() {
			if (proc.exitCode !== null) return;
			proc.kill('SIGTERM');
			const timeout = sleep(15_000).then(() => proc.kill('SIGKILL'));
			await Promise.race([exited, timeout]);
		}
	};
}

interface Health {
	sockets: number;
	eventLoopDelayMs: { p50: number; p99: number; max: number; windowMs: number };
}
async function health(app: App, reset = false): Promise<Health> {
	const res = await fetch(`${app.url}/api/health${reset ? '?reset=1' : ''}`, { headers: { 'x-health-token': HEALTH_TOKEN } });
	return (await res.json()) as Health;
}

interface ApprovalResult {
	ms: number;
	ok: boolean;
	status: number;
}

/** One approval as the verify panel posts it with JavaScript on (use:enhance): JSON back, no page render. */
async function approve(app: App, cookie: string, id: number): Promise<ApprovalResult> {
	const t0 = now();
	try {
		const res = await fetch(`${app.url}/sang-kien/${id}?/approve`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: app.url,
				cookie,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: `initiativeId=${id}&revision=1`
		});
		const body = (await res.json()) as { type?: string };
		return { ms: now() - t0, ok: res.status === 200 && body.type === 'success', status: res.status };
	} catch {
		return { ms: now() - t0, ok: false, status: 0 };
	}
}

/** Approvals at a steady rate (open loop: each request leaves on its schedule, whatever the previous one does). */
async function approveSteadily(app: App, cookie: string, ids: number[], perSecond: number): Promise<ApprovalResult[]> {
	const started = now();
	const pending: Array<Promise<ApprovalResult>> = [];
	for (let i = 0; i < ids.length; i++) {
		const wait = started + (i * 1000) / perSecond - now();
		if (wait > 0) await sleep(wait);
		pending.push(approve(app, cookie, ids[i]!));
	}
	return Promise.all(pending);
}

// ---------------------------------------------------------------------------------------- client processes

interface Workers {
	procs: ChildProcess[];
	connect(
		op: 'sio' | 'ws',
		url: string
	): Promise<{ connected: number; failed: number; joinRefused: number; firstError: string | null; ms: number }>;
	/** Waits until no client process has received anything for a while, then takes what they recorded. */
	collect(kind: 'sio' | 'ws'): Promise<{ received: Received[]; disconnects: number }>;
	/** Every lean socket drops at once and comes back with the app's back-off; resolves when all are back (or gave up). */
	storm(url: string): Promise<ComeBack[]>;
	close(): Promise<void>;
	exit(): void;
}

function startWorkers(count: number): Workers {
	const procs = Array.from({ length: count }, () => {
		const [cmd, args] = pinned(1, [process.execPath, '--import', 'tsx', 'bench/live-clients.ts']);
		return track(spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }));
	});
	const share = (i: number) => Math.floor(N / count) + (i < N % count ? 1 : 0);
	const ask = <T extends FromClients>(message: ToClients, op: T['op'], timeoutMs: number) =>
		Promise.all(
			procs.map((p) => {
				const answer = nextMessage<FromClients>(p, (m) => m.op === op, timeoutMs, `client process ${p.pid}: ${op}`) as Promise<T>;
				p.send(message);
				return answer;
			})
		);
	return {
		procs,
		async connect(op, url) {
			const started = now();
			const answers = await Promise.all(
				procs.map((p, i) => {
					const answer = nextMessage<FromClients>(
						p,
						(m) => m.op === 'ready',
						120_000 + (N / CONNECT_RATE) * 2000,
						`client process ${p.pid}: ready`
					) as Promise<Extract<FromClients, { op: 'ready' }>>;
					const rate = CONNECT_RATE / count;
					p.send(
						op === 'sio'
							? ({ op, url, room: `board:${LIVE_BOARD}`, count: share(i), rate, client: CLIENT } satisfies ToClients)
							: ({ op, url, count: share(i), rate } satisfies ToClients)
					);
					return answer;
				})
			);
			return {
				connected: answers.reduce((s, a) => s + a.connected, 0),
				failed: answers.reduce((s, a) => s + a.failed, 0),
				joinRefused: answers.reduce((s, a) => s + a.joinRefused, 0),
				firstError: answers.find((a) => a.firstError)?.firstError ?? null,
				ms: now() - started
			};
		},
		async collect(kind) {
			await ask({ op: 'settle', quietMs: 1000, timeoutMs: 60_000 }, 'settled', 90_000);
			const answers = await ask<Extract<FromClients, { op: 'collected' }>>({ op: 'collect', kind }, 'collected', 60_000);
			return { received: answers.flatMap((a) => a.received), disconnects: answers.reduce((s, a) => s + a.disconnects, 0) };
		},
		async storm(url) {
			const answers = await ask<Extract<FromClients, { op: 'stormed' }>>(
				{ op: 'storm', url, room: `board:${LIVE_BOARD}` },
				'stormed',
				300_000
			);
			return answers.flatMap((a) => a.comeBacks);
		},
		async close() {
			await ask({ op: 'close' }, 'closed', 60_000);
		},
		exit() {
			for (const p of procs) if (p.connected) p.send({ op: 'exit' } satisfies ToClients);
		}
	};
}

/** Per message: every receipt merged over the client processes. */
interface Message {
	id: string;
	changedAt: number;
	sentAt: number;
	bytes: number;
	sample: string;
	times: number[];
}
function merge(received: Received[]): Message[] {
	const byId = new Map<string, Message>();
	for (const r of received) {
		let m = byId.get(r.id);
		if (!m) byId.set(r.id, (m = { id: r.id, changedAt: r.changedAt, sentAt: r.sentAt, bytes: r.bytes, sample: r.sample, times: [] }));
		for (const t of r.times) m.times.push(t);
	}
	return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt);
}
const lastOf = (m: Message) => m.times.reduce((a, b) => Math.max(a, b), -Infinity);
const incomplete = (messages: Message[]) => messages.reduce((s, m) => s + (N - m.times.length), 0);

// ------------------------------------------------------------------------------------------------ the run

async function cleanRedis(prefix: string): Promise<void> {
	const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
	try {
		await redis.connect();
		let cursor = '0';
		let removed = 0;
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
			cursor = next;
			if (keys.length > 0) removed += await redis.del(...keys);
		} while (cursor !== '0');
		console.log(`Redis: removed ${removed} keys under ${prefix}:`);
	} finally {
		redis.disconnect();
	}
}

async function main(): Promise<void> {
	const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
	console.log(
		`Live pushes: N=${f0(N)} clients (${CLIENT === 'lean' ? 'lean Socket.IO protocol clients' : 'socket.io-client'}) in ${CLIENT_PROCESSES} processes, board ${LIVE_BOARD}, approvals ${RATE}/s for ${SECONDS} s over HTTP as ${LIVE_VERIFIER}, ` +
			`${ROUNDS} fan-out rounds; ${REDIS_URL ? `Redis store + adapter (${REDIS_URL})` : 'memory store, no Redis'}; ${APP_WORKERS > 1 ? `the app as ${APP_WORKERS} workers (WORKERS), not pinned` : 'the app one process'}; ` +
			`SQLite in ${DB_DIR}; ${hasTaskset ? 'app and raw-ws server on CPU0, clients and driver on CPU1' : 'taskset missing: processes not pinned'}; ulimit -n ${fdLimit}`
	);
	// The app and the raw-ws server each hold N sockets, as does the sum of the client processes.
	if (Number.isFinite(fdLimit) && N + 256 > fdLimit)
		throw new Error(`ulimit -n is ${fdLimit}: raise it above ${N + 256} in the shell that runs the benchmark`);
	if (hasTaskset) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
	console.log(`load average before: ${loadAverage()} (other work on this machine skews every figure)`);

	if (!existsSync(resolve(ROOT, 'build/handler.js'))) {
		console.log('build/handler.js is missing: running vite build');
		execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
	}

	const approvalsNeeded = WARM_UP + CALIBRATION + RATE * SECONDS + ROUNDS + STORM_APPROVALS;
	let t = now();
	const database = await prepareLiveDatabase(approvalsNeeded, DB_DIR);
	console.log(`set-up: demo seeded and ${approvalsNeeded} initiatives submitted in ${f1((now() - t) / 1000)} s`);
	const redisPrefix = `bench-live-${process.pid}`;
	let app: App | null = null;
	let workers: Workers | null = null;
	let wsServer: ChildProcess | null = null;
	try {
		app = await startApp(database.path, redisPrefix);
		const cookie = await signIn(app.url, LIVE_VERIFIER);
		const ids = [...database.initiativeIds];
		// Nobody watches yet: these approvals cost the app what an approval costs without a push.
		for (const id of ids.splice(0, WARM_UP)) {
			if (!(await approve(app, cookie, id)).ok) throw new Error(`approval of ${id} failed`);
		}
		const endCalibration = phase(
			'calibration',
			() => [app!.proc.pid!],
			() => []
		);
		for (const id of ids.splice(0, CALIBRATION)) {
			if (!(await approve(app, cookie, id)).ok) throw new Error(`approval of ${id} failed`);
			await sleep(200);
		}
		const approvalCpu = endCalibration().server.cpu / CALIBRATION;
		await sleep(1000);
		const before = await app.memory();

		// --- N socket.io clients join the board
		workers = startWorkers(CLIENT_PROCESSES);
		const appPid = () => processTree(app!.proc.pid!);
		const clientPids = () => workers!.procs.map((p) => p.pid!);
		const endConnect = phase(`connecting ${f0(N)} socket.io clients`, appPid, clientPids);
		const sio = await workers.connect('sio', app.url);
		const connectPhase = endConnect();
		if (sio.connected < N)
			throw new Error(
				`only ${sio.connected} of ${N} socket.io clients connected and joined (${sio.failed} failed, ${sio.joinRefused} refused): ${sio.firstError}`
			);
		const afterHealth = await health(app);
		await sleep(1000);
		const after = await app.memory();
		// What N idle sockets cost (Engine.IO pings every 25 s), to take out of the fan-out's CPU below.
		const endIdle = phase('idle', appPid, clientPids);
		await sleep(5000);
		const idle = endIdle();
		const idleCpuShare = idle.server.cpu / idle.wallMs;
		console.log(
			`socket.io: ${f0(sio.connected)} ${CLIENT} clients connected and joined in ${f1(sio.ms / 1000)} s (${f0(sio.connected / (sio.ms / 1000))}/s), server counts ${f0(afterHealth.sockets)} sockets`
		);

		// --- B1: approvals at a steady rate, every delivery timestamped
		await health(app, true);
		const endStream = phase(`approvals at ${RATE}/s`, appPid, clientPids);
		const streamStart = now();
		const stream = await approveSteadily(app, cookie, ids.splice(0, RATE * SECONDS), RATE);
		const streamMs = now() - streamStart;
		await sleep(TICK_MS + 1500);
		const streamPhase = endStream();
		const streamLoop = (await health(app, true)).eventLoopDelayMs;
		const streamData = await workers.collect('sio');
		const ticks = merge(streamData.received);

		// --- B2 (socket.io): one approval per second, so each tick fans out on a quiet server
		const quietIds = ids.splice(0, ROUNDS);
		const quiet: ApprovalResult[] = [];
		const endQuiet = phase('socket.io fan-out only', appPid, clientPids);
		for (const id of quietIds) {
			const next = sleep(1000);
			quiet.push(await approve(app, cookie, id));
			await next;
		}
		await sleep(500);
		const quietPhase = endQuiet();
		const quietLoop = (await health(app)).eventLoopDelayMs;
		const quietData = await workers.collect('sio');
		const quietTicks = merge(quietData.received);
		const total = await app.memory();

		// --- B4: every socket drops at the same moment (an event's Wi-Fi fails) and comes back with the app's back-off,
		// while the board moves on (two approvals in the first second).
		let storm: ComeBack[] = [];
		let stormPhase: Phase | null = null;
		let stormLoop: Health['eventLoopDelayMs'] | null = null;
		if (CLIENT === 'lean') {
			const stormIds = ids.splice(0, STORM_APPROVALS);
			await health(app, true);
			const endStorm = phase('reconnect storm', appPid, clientPids);
			const back = workers.storm(app.url);
			for (const id of stormIds) {
				await sleep(400);
				if (!(await approve(app, cookie, id)).ok) throw new Error(`approval of ${id} failed`);
			}
			storm = await back;
			stormPhase = endStorm();
			stormLoop = (await health(app, true)).eventLoopDelayMs;
		}

		const peakRss = peakRssOf(app.proc.pid!);
		await workers.close();
		for (let i = 0; i < 100 && (await health(app)).sockets > 0; i++) await sleep(100);
		await app.stop();

		// --- The raw-ws baseline: the same client processes, N clients, the same payload
		const [cmd, args] = pinned(0, [process.execPath, '--expose-gc', '--import', 'tsx', 'bench/live-ws-server.ts']);
		wsServer = track(spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }));
		const listening = await nextMessage<FromWsServer>(wsServer, (m) => m.op === 'listening', 30_000, 'the raw-ws server');
		const wsUrl = `ws://127.0.0.1:${(listening as Extract<FromWsServer, { op: 'listening' }>).port}`;
		const wsMemory = async () => {
			const answer = nextMessage<FromWsServer>(wsServer!, (m) => m.op === 'memory', 30_000, 'raw-ws memory') as Promise<
				Extract<FromWsServer, { op: 'memory' }>
			>;
			wsServer!.send({ op: 'memory' } satisfies ToWsServer);
			return answer;
		};
		await sleep(500);
		const wsBefore = await wsMemory();
		const ws = await workers.connect('ws', wsUrl);
		if (ws.connected < N) throw new Error(`only ${ws.connected} of ${N} raw ws clients connected: ${ws.firstError}`);
		await sleep(1000);
		const wsAfter = await wsMemory();
		console.log(`raw ws: ${f0(ws.connected)} clients connected in ${f1(ws.ms / 1000)} s`);
		// The payload: a real delta of the approval phase, the one of median size.
		const bySize = [...ticks].sort((a, b) => a.bytes - b.bytes);
		const sample = bySize[Math.floor(bySize.length / 2)];
		if (!sample) throw new Error('no board:delta arrived during the approval phase');
		const payload = JSON.parse(sample.sample) as WireDelta;
		const sends: Array<Extract<FromWsServer, { op: 'sent' }>> = [];
		const endRaw = phase('raw ws broadcasts', () => [wsServer!.pid!], clientPids);
		for (let round = 1; round <= ROUNDS; round++) {
			const next = sleep(1000);
			const sent = nextMessage<FromWsServer>(wsServer, (m) => m.op === 'sent', 30_000, 'a raw broadcast') as Promise<
				Extract<FromWsServer, { op: 'sent' }>
			>;
			wsServer.send({ op: 'broadcast', round, payload } satisfies ToWsServer);
			sends.push(await sent);
			await next;
		}
		await sleep(500);
		const rawPhase = endRaw();
		const rawData = await workers.collect('ws');
		const rawRounds = merge(rawData.received);
		await workers.close();

		// ------------------------------------------------------------------------------------ the figures
		const ok = stream.filter((r) => r.ok).length;
		const httpMs = sortNumbers(stream.map((r) => r.ms));
		console.log(
			`approvals: ${stream.length} at ${RATE}/s, ${ok} succeeded${ok < stream.length ? ` (statuses ${[...new Set(stream.filter((r) => !r.ok).map((r) => r.status))].join(', ')})` : ''}; ` +
				`HTTP p50 ${f1(percentile(httpMs, 50))} p99 ${f1(percentile(httpMs, 99))} ms; the last answered after ${f1(streamMs / 1000)} s: ` +
				`${f0(ok / (streamMs / 1000))} approvals/s sustained with ${f0(N)} sockets connected (goal ≥ ${GOALS.approvalsPerSecond}/s: ${mark(ok / (streamMs / 1000) >= GOALS.approvalsPerSecond)})`
		);
		const sizes = sortNumbers(ticks.map((m) => m.bytes));
		console.log(
			`payload: board:delta JSON p50 ${f0(percentile(sizes, 50))} B, max ${f0(sizes[sizes.length - 1] ?? 0)} B (raw-ws baseline replays one of ${f0(sample.bytes)} B)`
		);
		if (process.env.LIVE_SHOW_DELTA) console.log(`median delta: ${sample.sample}`);

		const delivery = sortNumbers(ticks.flatMap((m) => m.times.map((t) => t - m.changedAt)));
		// Issue 14's delivery goal, from the same run: the tick's window plus 1.2× what raw ws takes to reach its last client.
		const rawFanOut = sortNumbers(rawRounds.map((m) => lastOf(m) - m.sentAt));
		const deliveryGoal = TICK_MS + GOALS.overRawWs * percentile(rawFanOut, 99);
		const window = sortNumbers(ticks.map((m) => m.sentAt - m.changedAt));
		console.log(
			`[B1] delivery, approval → receipt: p50 ${f0(percentile(delivery, 50))} p95 ${f0(percentile(delivery, 95))} p99 ${f0(percentile(delivery, 99))} max ${f0(delivery[delivery.length - 1] ?? NaN)} ms ` +
				`over ${f0(delivery.length)} deliveries of ${ticks.length} ticks, ${f0(incomplete(ticks))} missing, ${streamData.disconnects} disconnects ` +
				`(goal p99 ≤ ${GOALS.deliveryP99} ms: ${mark(percentile(delivery, 99) <= GOALS.deliveryP99)}; ` +
				`≤ ${TICK_MS} + ${GOALS.overRawWs} × raw ws's last recipient p99 = ${f0(deliveryGoal)} ms: ${mark(percentile(delivery, 99) <= deliveryGoal)})`
		);
		console.log(
			`     of which waiting for the tick (sentAt − changedAt): p50 ${f0(percentile(window, 50))} max ${f0(window[window.length - 1] ?? NaN)} ms (window ${TICK_MS} ms)`
		);
		const lastSent = sortNumbers(ticks.map((m) => lastOf(m) - m.sentAt));
		const lastChanged = sortNumbers(ticks.map((m) => lastOf(m) - m.changedAt));
		console.log(
			`[B1] per tick, last recipient − sentAt: p50 ${f0(percentile(lastSent, 50))} p99 ${f0(percentile(lastSent, 99))} max ${f0(lastSent[lastSent.length - 1] ?? NaN)} ms; ` +
				`last recipient − changedAt: p50 ${f0(percentile(lastChanged, 50))} p99 ${f0(percentile(lastChanged, 99))} max ${f0(lastChanged[lastChanged.length - 1] ?? NaN)} ms ` +
				`(goal p99 ≤ ${GOALS.lastP99} ms: ${mark(percentile(lastChanged, 99) <= GOALS.lastP99)})`
		);
		console.log(
			`[B1] server event-loop delay during the approvals: p50 ${f1(streamLoop.p50)} p99 ${f1(streamLoop.p99)} max ${f1(streamLoop.max)} ms over ${f1(streamLoop.windowMs / 1000)} s ` +
				`(B3 goal p99 ≤ ${GOALS.loopP99} ms: ${mark(streamLoop.p99 <= GOALS.loopP99)}); one quiet tick per second: p99 ${f1(quietLoop.p99)} max ${f1(quietLoop.max)} ms`
		);

		// After a long fast stream the quiet approvals may move nobody in the watched view: then nothing was sent to measure.
		const NO_QUIET_TICK = 'NOT MEASURED, no tick in the quiet phase';
		const sioFan = sortNumbers(quietTicks.map((m) => lastOf(m) - m.sentAt));
		const loops = sortNumbers(sends.map((s) => s.loopMs));
		const quietOk = quiet.filter((r) => r.ok).length;
		const ratio = percentile(sioFan, 50) / percentile(rawFanOut, 50);
		const ratioMax = (sioFan[sioFan.length - 1] ?? NaN) / (rawFanOut[rawFanOut.length - 1] ?? NaN);
		const streamRatio = percentile(lastSent, 50) / percentile(rawFanOut, 50);
		console.log(
			`[B2] fan-out only, last recipient − send start: socket.io p50 ${f0(percentile(sioFan, 50))} max ${f0(sioFan[sioFan.length - 1] ?? NaN)} ms ` +
				`(${quietTicks.length} ticks from ${quietOk}/${quiet.length} approvals 1 s apart, ${f0(incomplete(quietTicks))} missing); ` +
				`raw ws p50 ${f0(percentile(rawFanOut, 50))} max ${f0(rawFanOut[rawFanOut.length - 1] ?? NaN)} ms (${rawRounds.length} rounds, ${f0(incomplete(rawRounds))} missing; send loop p50 ${f1(percentile(loops, 50))} ms)`
		);
		// Server CPU per broadcast, from the schedulers' accounting: what the last-recipient times cannot show
		// when the clients' CPU is the bottleneck.
		const sioCpuPerTick =
			(quietPhase.server.cpu - quiet.length * approvalCpu - quietPhase.wallMs * idleCpuShare) / Math.max(1, quietTicks.length);
		const rawCpuPerRound = rawPhase.server.cpu / Math.max(1, rawRounds.length);
		const clientUsPerMessage =
			(rawPhase.clients.cpu * 1000) /
			Math.max(
				1,
				rawRounds.reduce((n, m) => n + m.times.length, 0)
			);
		const sioClientUsPerMessage =
			(quietPhase.clients.cpu * 1000) /
			Math.max(
				1,
				quietTicks.reduce((n, m) => n + m.times.length, 0)
			);
		console.log(
			`[B2] server CPU per broadcast to ${f0(N)}: socket.io app ${f0(sioCpuPerTick)} ms (quiet phase, less ${f1(approvalCpu)} ms per approval measured with nobody watching and ${f1(idleCpuShare * 100)} % of a core for idle sockets), ` +
				`raw ws ${f0(rawCpuPerRound)} ms: ${(sioCpuPerTick / rawCpuPerRound).toFixed(2)}× (goal ≤ ${GOALS.overRawWs}×: ${quietTicks.length === 0 ? NO_QUIET_TICK : mark(sioCpuPerTick / rawCpuPerRound <= GOALS.overRawWs)}); ` +
				`the raw-ws clients need ${f1(clientUsPerMessage)} µs of CPU1 per message, ${f0((clientUsPerMessage * N) / 1000)} ms per broadcast: a floor under every last-recipient time ` +
				`(the ${CLIENT} clients ${f1(sioClientUsPerMessage)} µs, ${f0((sioClientUsPerMessage * N) / 1000)} ms)`
		);
		console.log(
			`[B2] ratio socket.io / raw ws: p50 ${ratio.toFixed(2)}×, max ${ratioMax.toFixed(2)}×; ticks under the ${RATE}/s approval stream: p50 ${streamRatio.toFixed(2)}× ` +
				`(goal, quiet p50 ≤ ${GOALS.fanOutRatio}×: ${quietTicks.length === 0 ? NO_QUIET_TICK : mark(ratio <= GOALS.fanOutRatio)})`
		);
		// What a phone pays for at the approval stream's peak: every delta it got, over the phase.
		const perPhone = ticks.reduce((n, m) => n + m.bytes, 0) / (streamPhase.wallMs / 1000);
		console.log(
			`[B11] board:delta p50 ${f0(percentile(sizes, 50))} B (goal ≤ ${GOALS.deltaBytesP50} B: ${mark(percentile(sizes, 50) <= GOALS.deltaBytesP50)}); ` +
				`pushes per phone during the ${RATE}/s approvals ${f0(perPhone)} B/s (goal ≤ ${GOALS.bytesPerPhonePerSecond} B/s: ${mark(perPhone <= GOALS.bytesPerPhonePerSecond)})`
		);
		if (stormPhase && stormLoop) {
			const back = sortNumbers(storm.filter((c) => c.catchUp !== 'failed').map((c) => c.ms));
			const count = (kind: ComeBack['catchUp']) => storm.filter((c) => c.catchUp === kind).length;
			const answerBytes = sortNumbers(storm.filter((c) => c.catchUp !== 'failed').map((c) => c.answerBytes));
			const last = (back[back.length - 1] ?? NaN) / 1000;
			console.log(
				`[B4] reconnect storm: ${f0(storm.length)} sockets dropped at once; back and joined after p50 ${f1(percentile(back, 50) / 1000)} s, p99 ${f1(percentile(back, 99) / 1000)} s, ` +
					`the last ${f1(last)} s (goal all ≤ ${GOALS.stormSeconds} s: ${mark(count('failed') === 0 && last <= GOALS.stormSeconds)}); ` +
					`${f0(storm.reduce((n, c) => n + c.attempts - 1, 0))} attempts failed and were retried, ${count('failed')} gave up; ` +
					`joins answered with a delta ${f0(count('delta'))}, with the board ${f0(count('snapshot'))}, with nothing ${f0(count('none'))} (answer p50 ${f0(percentile(answerBytes, 50))} B); ` +
					`snapshot fetches over HTTP: none (the catch-up comes with the join)`
			);
			console.log(
				`[B4] during the storm (${f1(stormPhase.wallMs / 1000)} s): app main thread ${f1(stormPhase.server.cpu / 1000)} s of CPU (${f1(stormPhase.server.cpu / Math.max(1, storm.length))} ms per reconnection, with ${STORM_APPROVALS} approvals), ` +
					`event-loop delay p50 ${f1(stormLoop.p50)} p99 ${f1(stormLoop.p99)} max ${f1(stormLoop.max)} ms`
			);
		}
		const kb = (after.rss - before.rss) / N / 1024;
		const heapKb = (after.heapUsed - before.heapUsed) / N / 1024;
		const wsKb = (wsAfter.rss - wsBefore.rss) / N / 1024;
		const wsHeapKb = (wsAfter.heapUsed - wsBefore.heapUsed) / N / 1024;
		console.log(
			`[B5] app RSS after GC: ${f1(before.rss / 2 ** 20)} MB with no client → ${f1(after.rss / 2 ** 20)} MB with ${f0(N)}: ${f1(kb)} KB RSS and ${f1(heapKb)} KB heap per connection ` +
				`(goal ≤ ${GOALS.kbPerConnection} KB: ${mark(kb <= GOALS.kbPerConnection)}); raw ws ${f1(wsKb)} KB RSS, ${f1(wsHeapKb)} KB heap per connection; ` +
				`app RSS with ${f0(N)} clients after the run ${f1(total.rss / 2 ** 20)} MB after GC (heap ${f1(total.heapUsed / 2 ** 20)} MB), peak ${f1(peakRss / 2 ** 20)} MB (goal ≤ ${GOALS.totalRssMb} MB at 10k)`
		);
		const phases = [connectPhase, streamPhase, quietPhase, ...(stormPhase ? [stormPhase] : []), rawPhase];
		for (const p of phases) {
			console.log(
				`[CPU] ${p.name}, ${f1(p.wallMs / 1000)} s: server main thread ran ${f1(p.server.cpu / 1000)} s (${f0((p.server.cpu / p.wallMs) * 100)} % of a core) and waited ${f1(p.server.wait / 1000)} s for a CPU, its other threads ran ${f1(p.server.threads / 1000)} s; ` +
					`client processes ran ${f1(p.clients.cpu / 1000)} s and waited ${f1(p.clients.wait / 1000)} s (for each other too: they share CPU1)`
			);
		}
		// The server is alone on its CPU: time it spent waiting for one beyond what its own threads ran was taken
		// by processes outside the benchmark.
		const skewed = phases.filter((p) => p.server.wait - p.server.threads > 0.05 * p.wallMs);
		if (skewed.length > 0)
			console.log(
				`WARNING: other work on this machine took the CPU from the benchmark during: ${skewed.map((p) => p.name).join('; ')} — the figures above are skewed`
			);
		console.log(`load average after: ${loadAverage()}`);
	} finally {
		workers?.exit();
		if (wsServer?.connected) wsServer.send({ op: 'exit' } satisfies ToWsServer);
		await app?.stop();
		await sleep(300);
		killAll();
		rmSync(database.dir, { recursive: true, force: true });
		if (REDIS_URL) await cleanRedis(redisPrefix).catch((err: Error) => console.error(`Redis clean-up failed: ${err.message}`));
	}
}

try {
	await main();
	process.exit(0);
} catch (err) {
	console.error(err);
	killAll();
	process.exit(1);
}
