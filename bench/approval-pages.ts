/**
 * What an approval's commit writes: the database pages (WAL frames) of each commit, by the table or index they belong
 * to — the disk-side share of an approval's cost (each frame is a write, and the commit's fsync covers them all).
 *
 *   node --import tsx bench/approval-pages.ts          (APPROVALS=30 by default, on bench/live.ts's database)
 *
 * Needs the sqlite3 command line (its dbstat table names each page).
 */
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { LIVE_VERIFIER, prepareLiveDatabase } from './live-setup';
import { openDatabase } from '../src/lib/server/db/client';
import { loadActor } from '../src/lib/server/auth/actor';
import { takeStep } from '../src/lib/server/initiatives/service';

const APPROVALS = Number(process.env.APPROVALS ?? 30);
/** Approved before counting: the first ones create the boards' and badges' first rows. */
const WARM_UP = 20;

const live = await prepareLiveDatabase(WARM_UP + APPROVALS);
const db = openDatabase(live.path);
// Every frame stays in the WAL until read below.
db.$client.pragma('wal_autocheckpoint = 0');
const verifier = db.$client.prepare('select id from people where username = ?').pluck().get(LIVE_VERIFIER) as number;
const approve = (id: number) => {
	const result = takeStep({ db, actor: loadActor(db, verifier)!.actor, now: Date.now(), ipHash: null, requestId: null }, id, 'approve', {
		reason: null,
		seenRevision: 1
	});
	if (!result.ok) throw new Error(`approval of ${id}: ${JSON.stringify(result)}`);
};
live.initiativeIds.slice(0, WARM_UP).forEach(approve);
db.$client.pragma('wal_checkpoint(TRUNCATE)');
live.initiativeIds.slice(WARM_UP).forEach(approve);

// The WAL: a 32-byte header, then frames of a 24-byte header (page number; the database size on a commit's last frame) and the page.
const wal = readFileSync(`${live.path}-wal`);
const pageSize = wal.readUInt32BE(8);
const pages: number[] = [];
let commits = 0;
for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
	pages.push(wal.readUInt32BE(at));
	if (wal.readUInt32BE(at + 4) !== 0) commits++;
}
db.$client.close();
const owner = new Map<number, string>();
for (const line of execFileSync('sqlite3', [live.path, 'select pageno, name from dbstat']).toString().trim().split('\n')) {
	const [page, name] = line.split('|');
	owner.set(Number(page), name!);
}
const byOwner = new Map<string, number>();
for (const page of pages) {
	const name = owner.get(page) ?? `page ${page}`;
	byOwner.set(name, (byOwner.get(name) ?? 0) + 1);
}
console.log(`${commits} approvals committed ${pages.length} pages of ${pageSize} B: ${(pages.length / commits).toFixed(1)} per approval`);
for (const [name, count] of [...byOwner].sort((a, b) => b[1] - a[1])) console.log(`${(count / commits).toFixed(2).padStart(6)}  ${name}`);
rmSync(live.dir, { recursive: true, force: true });
