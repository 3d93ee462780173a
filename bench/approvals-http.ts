/**
 * Issue 14, goals 5 and 6: approvals end to end over HTTP, as the verify panel posts them (session cookie, Origin,
 * `x-sveltekit-action`), against the production server with 1 or more workers — throughput, latency and the app's
 * CPU per approval (every process of the app, from /proc), beside the disk's own fsync in the same run.
 *
 *   npm run build && node --import tsx bench/approvals-http.ts                 (WORKERS=1 and 2, 600 approvals each after 500)
 *   WARM_UP=20 APPROVALS=1000 APP_WORKERS=1 node --import tsx bench/approvals-http.ts   (as measured before 6 December)
 *   APPROVALS=1000 CONCURRENCY=16 APP_WORKERS=2 node --import tsx bench/approvals-http.ts
 *   LIVE_CPU_PROF=/tmp/prof node --import tsx bench/approvals-http.ts         (a CPU profile of each app process)
 *
 * Goals: ≤ 4 ms of app CPU per approval; ≥ 250 approvals/s; the transaction's p99 within 2× the fsync p99 (the
 * transaction's share is read from bench/approval.ts; here the whole request is timed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { Agent, request } from 'node:http';
import { LIVE_VERIFIER, prepareLiveDatabase } from './live-setup';
import { appEnv, freePort, processTree, signIn } from './processes';

const ROOT = resolve(import.meta.dirname, '..');
const APPROVALS = Number(process.env.APPROVALS ?? 600);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const WORKER_COUNTS = process.env.APP_WORKERS ? [Number(process.env.APP_WORKERS)] : [1, 2];
/**
 * Approvals before the measured ones, not counted: the first load the route's code, and V8 goes on optimising the hot
 * functions for hundreds more (measured from 20, an approval costs about 1 ms more CPU than from 1,000 on): a server
 * that has run for a while is what is measured.
 */
const WARM_UP = Number(process.env.WARM_UP ?? 500);
const GOALS = { cpuMsPerApproval: 4, approvalsPerSecond: 250 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const f1 = (v: number) => v.toFixed(1);
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** CPU (user and system, every thread) of a process tree, in ms. */
function cpuMs(pid: number): { user: number; system: number } {
	const tick = 1000 / 100; // USER_HZ
	return processTree(pid).reduce(
		(sum, p) => {
			try {
				const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
				return { user: sum.user + Number(fields[11]) * tick, system: sum.system + Number(fields[12]) * tick };
			} catch {
				return sum;
			}
		},
		{ user: 0, system: 0 }
	);
}

/** The disk's own: 4 KiB written and fsynced, 200 times, in the database's folder. */
function fsyncTimes(dir: string): number[] {
	const path = join(dir, 'fsync-probe');
	const fd = openSync(path, 'w');
	const block = Buffer.alloc(4096, 7);
	const times: number[] = [];
	for (let i = 0; i < 200; i++) {
		const t = performance.now();
		writeSync(fd, block, 0, block.length, 0);
		fsyncSync(fd);
		times.push(performance.now() - t);
	}
	closeSync(fd);
	rmSync(path);
	return times.sort((a, b) => a - b);
}

async function startApp(databasePath: string, workers: number): Promise<{ proc: ChildProcess; url: string; stop: () => Promise<void> }> {
	const port = await freePort();
	const env = appEnv(port, databasePath, { WORKERS: String(workers) });
	const prof = process.env.LIVE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LIVE_CPU_PROF}`] : [];
	const proc = spawn(process.execPath, [...prof, 'build/server.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	for (let i = 0; i < 1200 && !out.includes('đang chạy tại'); i++) {
		if (proc.exitCode !== null) throw new Error(`the app exited:\n${out}`);
		await sleep(50);
	}
	if (!out.includes('đang chạy tại')) throw new Error(`the app did not start:\n${out}`);
	return {
		proc,
		url: `http://127.0.0.1:${port}`,
		stop: () =>
			new Promise((done) => {
				proc.once('exit', () => done());
				proc.kill('SIGTERM');
			})
	};
}

function approve(url: string, cookie: string, id: number, agent: Agent): Promise<{ ms: number; ok: boolean }> {
	const body = `initiativeId=${id}&revision=1`;
	const started = performance.now();
	return new Promise((done) => {
		const req = request(
			`${url}/sang-kien/${id}?/approve`,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: url,
					cookie,
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () => done({ ms: performance.now() - started, ok: res.statusCode === 200 && text.includes('"success"') }));
			}
		);
		req.on('error', () => done({ ms: performance.now() - started, ok: false }));
		req.end(body);
	});
}

/** `CONCURRENCY` verifiers' worth of requests back to back (closed loop) until the ids run out. */
async function approveAll(url: string, cookie: string, ids: number[]): Promise<Array<{ ms: number; ok: boolean }>> {
	const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const queue = [...ids];
	const results: Array<{ ms: number; ok: boolean }> = [];
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			for (let id = queue.shift(); id !== undefined; id = queue.shift()) results.push(await approve(url, cookie, id, agent));
		})
	);
	agent.destroy();
	return results;
}

console.log(
	`approvals over HTTP · ${APPROVALS} per run after ${WARM_UP} warm-up · ${CONCURRENCY} at a time · workers ${WORKER_COUNTS.join(' and ')} · load average ${loadavg()
		.map((v) => v.toFixed(2))
		.join(' ')}`
);
for (const workers of WORKER_COUNTS) {
	const database = await prepareLiveDatabase(WARM_UP + APPROVALS);
	const app = await startApp(database.path, workers);
	try {
		const cookie = await signIn(app.url, LIVE_VERIFIER);
		const ids = [...database.initiativeIds];
		const warm = await approveAll(app.url, cookie, ids.splice(0, WARM_UP));
		if (!warm.every((r) => r.ok)) throw new Error('a warm-up approval failed');
		const cpuBefore = cpuMs(app.proc.pid!);
		const started = performance.now();
		const results = await approveAll(app.url, cookie, ids);
		const seconds = (performance.now() - started) / 1000;
		const cpuAfter = cpuMs(app.proc.pid!);
		const user = cpuAfter.user - cpuBefore.user;
		const system = cpuAfter.system - cpuBefore.system;
		const ok = results.filter((r) => r.ok).length;
		const ms = results.map((r) => r.ms).sort((a, b) => a - b);
		const fsync = fsyncTimes(database.dir);
		const perApproval = (user + system) / ok;
		console.log(
			`WORKERS=${workers}: ${ok}/${results.length} approved in ${f1(seconds)} s: ${Math.round(ok / seconds)} approvals/s (goal ≥ ${GOALS.approvalsPerSecond}: ${mark(ok / seconds >= GOALS.approvalsPerSecond)}), ` +
				`request p50 ${f1(percentile(ms, 50))} p99 ${f1(percentile(ms, 99))} ms; app CPU ${f1(perApproval)} ms per approval (user ${f1(user / ok)}, system ${f1(system / ok)}), every process and thread (goal ≤ ${GOALS.cpuMsPerApproval} ms: ${mark(perApproval <= GOALS.cpuMsPerApproval)}); ` +
				`the disk's fsync (4 KiB) p50 ${f1(percentile(fsync, 50))} p99 ${f1(percentile(fsync, 99))} ms`
		);
	} finally {
		await app.stop();
		rmSync(database.dir, { recursive: true, force: true });
	}
}
