/**
 * Helpers for the live-layer integration tests: work prepared in the demo database through the app's own
 * services, HTTP sign-in and approvals as a browser sends them, and a board kept the way the browser's
 * LiveBoard (src/lib/client/live.svelte.ts) keeps it.
 */
import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data';
import { activityMeasures, activityTypes, memberships, people, units } from '../../src/lib/server/db/schema';
import { addPhotos } from '../../src/lib/server/initiatives/photos';
import { loadActor } from '../../src/lib/server/auth/actor';
import { applyCatchUp, applyDelta, decodeDelta, type DeltaOutcome } from '../../src/lib/realtime/board-sync';
import type {
	BoardDelta,
	BoardSnapshot,
	ClientToServerEvents,
	FeedBadge,
	FeedItem,
	BoardCatchUp,
	HeldBoard,
	JoinAnswer,
	ServerToClientEvents
} from '../../src/lib/realtime/contract';
import { NOW } from './clock';
import { loggedInitiative, submitted, vneidSession } from './factories';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The period every prepared initiative falls in: its day is a fixed date within 2026 and phase II, so the
 * spawned server — which reads the real clock — scores it on the same boards whatever the date is.
 */
export const PERIOD = 'Y2026';
const DAY = '2026-11-20';

export interface PreparedWork {
	/** Submitted initiatives (revision 1) in Huyện đoàn Tuần Giáo, waiting for the district's verifier. */
	initiatives: number[];
	provinceId: number;
	/** The demo campaign the work was logged in (board keys start with it). */
	campaignId: number;
	/** Huyện đoàn Tuần Giáo: the `tuangiao` verifier's district. */
	districtId: number;
	/** Person ids of the demo accounts by username. */
	accounts: Record<'tinhdoan' | 'tuangiao' | 'tama' | 'doanvien', number>;
}

/**
 * Opens the SQLite file the server uses (or will use), seeds the demo if it is empty and logs `count`
 * initiatives in Tuần Giáo's branches — each with two of the branch's members as participants — and
 * submits them, as the province admin would. Nothing here moves a board: only approvals award points.
 */
export async function prepareSubmittedWork(databasePath: string, count: number): Promise<PreparedWork> {
	const db = openDatabase(databasePath);
	try {
		migrateDatabase(db);
		await seedDemoIfEmpty(db, NOW);
		const account = (username: string) => db.select({ id: people.id }).from(people).where(eq(people.username, username)).get()!.id;
		const accounts = { tinhdoan: account('tinhdoan'), tuangiao: account('tuangiao'), tama: account('tama'), doanvien: account('doanvien') };
		const province = db.select().from(units).where(eq(units.level, 'province')).get()!;
		const district = db.select().from(units).where(eq(units.name, 'Huyện đoàn Tuần Giáo')).get()!;
		const branches = db
			.select()
			.from(units)
			.where(eq(units.level, 'branch'))
			.all()
			.filter((u) => u.path.startsWith(district.path));
		const membersOf = new Map(
			branches.map((b) => [
				b.id,
				db
					.select({ id: memberships.personId })
					.from(memberships)
					.where(eq(memberships.unitId, b.id))
					.all()
					.map((m) => m.id)
			])
		);
		const vneid = db
			.select()
			.from(activityTypes)
			.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
			.get()!;
		const measure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, vneid.id)).get()!;
		const ctx = { db, actor: loadActor(db, accounts.tinhdoan)!.actor, now: NOW, ipHash: null, requestId: null };
		const initiatives: number[] = [];
		// One outer transaction (each step nests as a savepoint): one fsync instead of two per initiative.
		db.$client.transaction(() => {
			for (let i = 0; i < count; i++) {
				const branch = branches[i % branches.length]!;
				const members = membersOf.get(branch.id)!.filter((id) => id !== accounts.tuangiao);
				const participantIds = members.length === 0 ? [] : [...new Set([members[i % members.length]!, members[(i + 1) % members.length]!])];
				const input = vneidSession({ vneid, peopleMeasure: measure }, branch.id, {
					day: DAY,
					people: 20 + ((i * 37) % 400),
					title: `Hướng dẫn VNeID lần ${i + 1} — ${branch.shortName}`,
					place: branch.shortName,
					participantIds
				});
				initiatives.push(submitted(ctx, loggedInitiative(ctx, input)));
			}
		})();
		return { initiatives, provinceId: province.id, districtId: district.id, campaignId: vneid.campaignId, accounts };
	} finally {
		db.$client.close();
	}
}

/**
 * fetch, sent once more when the connection was reset before any answer came. Node's fetch keeps connections
 * alive and may reuse one the server is just closing (its keep-alive timeout ran out while a loaded test
 * process was late to notice): the request never reached the app, and a browser sends it again in that case.
 * Every request sent through it here is safe to repeat: an approval carries the revision it saw, so a repeat
 * is recognised and counts once; a repeated sign-in or read changes nothing a test looks at.
 */
export async function fetchRetryingReset(url: string, init?: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (err) {
		const code = ((err as { cause?: { code?: string } }).cause ?? {}).code;
		if (code !== 'ECONNRESET' && code !== 'EPIPE' && code !== 'UND_ERR_SOCKET') throw err;
		return fetch(url, init);
	}
}

/**
 * Logs `count` more initiatives in Tuần Giáo's first branch, each with `photosEach` photos (re-encoded and
 * stored in `uploadsDir` by the app's own pipeline), and submits them. The clock is the fixed `now`.
 */
export async function submitWithPhotos(
	databasePath: string,
	uploadsDir: string,
	count: number,
	photosEach: number,
	now: number,
	photo: (i: number) => Promise<Buffer>
): Promise<number[]> {
	const db = openDatabase(databasePath);
	try {
		const admin = db.select({ id: people.id }).from(people).where(eq(people.username, 'tinhdoan')).get()!.id;
		const district = db.select().from(units).where(eq(units.name, 'Huyện đoàn Tuần Giáo')).get()!;
		const branch = db
			.select()
			.from(units)
			.where(eq(units.level, 'branch'))
			.all()
			.find((u) => u.path.startsWith(district.path))!;
		const vneid = db
			.select()
			.from(activityTypes)
			.where(eq(activityTypes.name, 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID'))
			.get()!;
		const measure = db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, vneid.id)).get()!;
		const ctx = { db, actor: loadActor(db, admin)!.actor, now, ipHash: null, requestId: null };
		const ids: number[] = [];
		for (let i = 0; i < count; i++) {
			const id = loggedInitiative(ctx, {
				unitId: branch.id,
				teamId: null,
				activityTypeId: vneid.id,
				title: `Hướng dẫn VNeID có ảnh ${i + 1}`,
				story: 'Ảnh chụp buổi hướng dẫn ở nhà văn hoá.',
				startedOn: DAY,
				endedOn: DAY,
				place: branch.shortName,
				photosShowChildren: false,
				measures: { [measure.id]: String(30 + i) },
				participantIds: []
			});
			const uploads = await Promise.all(
				Array.from({ length: photosEach }, async (_, p) => ({ name: `anh-${i}-${p}.jpg`, bytes: await photo(i * photosEach + p) }))
			);
			const added = await addPhotos(ctx, id, uploads, uploadsDir);
			if (!added.ok) throw new Error(added.error);
			ids.push(submitted(ctx, id));
		}
		return ids;
	} finally {
		db.$client.close();
	}
}

/** Signs in over HTTP like the login form and returns the session cookie (`name=value`). */
export async function signIn(origin: string, username: string): Promise<string> {
	const res = await fetchRetryingReset(`${origin}/dang-nhap`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams({ identifier: username, password: DEMO_PASSWORD, next: '/' }).toString(),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tp_session='));
	if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
	return cookie.split(';')[0]!;
}

/** Approves a submitted initiative through the story page's form action, as the enhanced form posts it. */
export async function approveOverHttp(
	origin: string,
	cookie: string,
	initiativeId: number,
	revision = 1
): Promise<{ type: string; status: number }> {
	const res = await fetchRetryingReset(`${origin}/sang-kien/${initiativeId}?/approve`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ revision: String(revision) }).toString()
	});
	const text = await res.text();
	try {
		return JSON.parse(text) as { type: string; status: number };
	} catch {
		throw new Error(`approval of ${initiativeId} answered ${res.status}: ${text.slice(0, 300)}`);
	}
}

export async function fetchSnapshot(origin: string, key: string): Promise<BoardSnapshot> {
	const res = await fetchRetryingReset(`${origin}/api/bang-xep-hang?bang=${encodeURIComponent(key)}`);
	if (!res.ok) throw new Error(`snapshot of ${key}: ${res.status}`);
	return (await res.json()) as BoardSnapshot;
}

/** Opens a socket as a page on `origin` would (same Origin, the session cookie if any) and waits for app:hello. */
export function openSocket(
	origin: string,
	options: { cookie?: string; originHeader?: string; transports?: string[]; timeoutMs?: number } = {}
): Promise<{ socket: LiveSocket; hello: { version: string; signedIn: boolean } }> {
	// Generous: a socket opened while the server works through a burst of approvals waits its turn.
	const timeout = options.timeoutMs ?? 15_000;
	return new Promise((ok, fail) => {
		const extraHeaders: Record<string, string> = { origin: options.originHeader ?? origin };
		if (options.cookie) extraHeaders.cookie = options.cookie;
		const socket: LiveSocket = connect(origin, {
			transports: options.transports ?? ['websocket'],
			extraHeaders,
			reconnection: false,
			timeout,
			forceNew: true
		});
		const timer = setTimeout(() => {
			socket.close();
			fail(new Error(`no app:hello within ${timeout} ms`));
		}, timeout);
		socket.once('app:hello', (hello) => {
			clearTimeout(timer);
			ok({ socket, hello });
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			socket.close();
			fail(err);
		});
	});
}

export function joinRoom(socket: LiveSocket, room: string, held: HeldBoard | null = null): Promise<JoinAnswer> {
	return socket.timeout(15_000).emitWithAck('room:join', room, held);
}

/** Every feed item a socket received. */
export function collectFeed(socket: LiveSocket): Array<FeedItem | FeedBadge> {
	const items: Array<FeedItem | FeedBadge> = [];
	socket.on('feed:item', (item) => items.push(item));
	return items;
}

/**
 * A board held the way the browser's LiveBoard holds it: it starts from the page's snapshot, joins with the
 * board it holds and applies the answer's catch-up, applies deltas with applyDelta and fetches a snapshot
 * whenever one does not line up (one fetch at a time). Every delta is kept with the moment it arrived.
 */
export class BrowserBoard {
	board: BoardSnapshot;
	/** Each delta with when it arrived (performance.now() of this process). */
	readonly deltas: Array<{ delta: BoardDelta; receivedAt: number }> = [];
	resyncs = 0;
	fetches = 0;
	private fetching: Promise<void> | null = null;

	private constructor(
		private readonly origin: string,
		private readonly socket: LiveSocket,
		initial: BoardSnapshot
	) {
		this.board = initial;
		socket.on('board:delta', (wire) => {
			const delta = decodeDelta(wire);
			if (delta.key !== this.board.key) return;
			this.deltas.push({ delta, receivedAt: performance.now() });
			this.follow(applyDelta(this.board, delta));
		});
	}

	/** The page loads with the board's snapshot, then joins its room with it and takes what the answer brings. */
	static async open(origin: string, socket: LiveSocket, key: string): Promise<BrowserBoard> {
		const board = new BrowserBoard(origin, socket, await fetchSnapshot(origin, key));
		await board.join();
		return board;
	}

	/** (Re)joins the board's room holding the board as it is; resolves with the answer's catch-up. */
	async join(): Promise<BoardCatchUp | undefined> {
		const key = this.board.key;
		const answer = await joinRoom(this.socket, `board:${key}`, { version: this.board.version, digest: this.board.digest });
		if (!answer.ok) throw new Error(`join board:${key} refused: ${answer.error}`);
		this.follow(applyCatchUp(this.board, answer.catchUp));
		return answer.catchUp;
	}

	private follow(outcome: DeltaOutcome): void {
		if (outcome.kind === 'applied') this.board = outcome.board;
		else if (outcome.kind === 'resync') {
			this.resyncs++;
			void this.refresh();
		}
	}

	refresh(): Promise<void> {
		this.fetching ??= (async () => {
			try {
				this.fetches++;
				this.board = await fetchSnapshot(this.origin, this.board.key);
			} finally {
				this.fetching = null;
			}
		})();
		return this.fetching;
	}

	/** Resolves when no snapshot fetch is in flight. */
	async idle(): Promise<void> {
		while (this.fetching) await this.fetching;
	}
}

/** The largest number of times that fall within any window [t, t + windowMs). */
export function mostInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end]! - sorted[start]! >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}
