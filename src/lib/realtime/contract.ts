/**
 * The one list of socket events, payloads and rooms, imported by the server and the browser.
 * Clients only listen and ask to join rooms: nothing a client emits can change data.
 */

/** One row of a live board as broadcast: public names only. */
export interface LiveRow {
	id: number;
	name: string;
	detail: string | null;
	score: number;
	rank: number;
}

/** A board as a snapshot: its top rows at a ledger sequence. */
export interface BoardSnapshot {
	key: string;
	/** The ledger sequence (highest point entry id) when the board was read. */
	version: number;
	/** Subjects on the board in all (not only the rows sent). */
	size: number;
	rows: LiveRow[];
	/** boardDigest(rows): lets a client notice it drifted and fetch a snapshot. */
	digest: string;
}

/**
 * A snapshot's HTTP validator (the JSON snapshot's ETag): a page can revalidate the board it was served, and hears
 * 304 while nothing moved instead of fetching and redrawing the same rows.
 */
export function boardEtag(board: Pick<BoardSnapshot, 'version' | 'digest'>): string {
	return `"${board.version}-${board.digest}"`;
}

/**
 * A row of a delta: its new score, and its name and detail only when it enters the top or they changed (what a
 * phone pays for in the mountain districts: ranks follow from the scores and the published tie order). A tuple, not
 * an object: 8 bytes for a score instead of 22.
 */
export type DeltaRow = [id: number, score: number] | [id: number, score: number, name: string, detail: string | null];

/**
 * What changed on a board since the previous tick this server sent: rows whose score changed or that entered the
 * top, and rows that fell out of it. Applied only on top of the version it was computed from.
 */
export interface BoardDelta {
	key: string;
	base: number;
	version: number;
	size: number;
	rows: DeltaRow[];
	removed: number[];
	digest: string;
	/** Server time (ms since epoch) of the earliest change in this tick, and of the tick: for measuring latency. */
	changedAt: number;
	sentAt: number;
}

/**
 * A BoardDelta as it travels on `board:delta`, every field by position (a phone pays for every byte of every tick;
 * names spelt out cost 90 bytes a tick): the rows whose score changed as one flat list of id, score, id, score…;
 * rows entering the top or renamed whole; and when the tick was sent as milliseconds after `changedAt`.
 * See encodeDelta and decodeDelta.
 */
export type WireDelta = [
	key: string,
	base: number,
	version: number,
	size: number,
	scores: number[],
	entered: Array<[id: number, score: number, name: string, detail: string | null]>,
	removed: number[],
	digest: string,
	changedAt: number,
	sentAfter: number
];

/** A story that was just approved, for tickers: what its public page shows anyway. */
export interface FeedItem {
	kind: 'approved';
	initiativeId: number;
	title: string;
	unitName: string;
	/** Thumbnail path when the photos are public, else null. */
	photo: string | null;
	at: number;
}

/** One figure of what the campaign achieved (a measure's total over approved work). */
export interface CampaignTotal {
	measureId: number;
	label: string;
	unitLabel: string;
	activityName: string;
	total: number;
}

/** What the showcase refetches (GET /api/trinh-chieu) after an approval or a reconnect. */
export interface ShowcaseSummary {
	totals: CampaignTotal[];
	recent: FeedItem[];
}

export interface FeedBadge {
	kind: 'badge';
	badgeName: string;
	icon: string;
	level: number;
	/** Who earned it, as the boards name them (display name, team or unit name). */
	holder: string;
	at: number;
}

/** A badge the signed-in person just earned (sent only to their own room). */
export interface MyBadge {
	code: string;
	periodCode: string;
	name: string;
	icon: string;
	level: number;
	howToEarn: string;
}

export interface ServerToClientEvents {
	/** Sent once on connect so the client knows which build it talks to (a reload is due when it changes). */
	'app:hello': (payload: { version: string; signedIn: boolean }) => void;
	'board:delta': (delta: WireDelta) => void;
	'feed:item': (item: FeedItem | FeedBadge) => void;
	/** Something in these units' subtrees changed status (review queues refresh); no content. */
	'unit:changed': (payload: { unitIds: number[]; at: number }) => void;
	'me:badge': (badge: MyBadge) => void;
	/** Something new waits under the person's bell (the page reloads its notices); no content. */
	'me:notice': (payload: { at: number }) => void;
}

/** The board a client holds, sent when it (re)joins the board's room. */
export interface HeldBoard {
	version: number;
	digest: string;
}

/**
 * What a client joining a board's room needs to reach the board the server's watchers hold: nothing (it holds it,
 * or a newer one the next delta brings along), a delta from the version it holds (a short drop), or the board
 * itself (kept in memory per version: a crowd reconnecting at once costs no query and no HTTP request).
 */
export type BoardCatchUp = { kind: 'delta'; delta: BoardDelta } | { kind: 'snapshot'; board: BoardSnapshot };

export type JoinAnswer = { ok: true; catchUp?: BoardCatchUp } | { ok: false; error: string };

export interface ClientToServerEvents {
	/**
	 * Asks to watch a room (see ROOMS); refused unless the room is public or the person's own. A board's room is
	 * joined with the board the client holds, and answered with what it missed (other rooms: null).
	 */
	'room:join': (room: string, held: HeldBoard | null, answer: (result: JoinAnswer) => void) => void;
	'room:leave': (room: string) => void;
}

export interface SocketData {
	personId: number | null;
	sessionId: string | null;
}

/** Cross-process signals (through the Redis adapter): each process then fans out to its own sockets. */
export interface InterServerEvents {
	'boards:dirty': (keys: string[], changedAt: number) => void;
	/** Boards may have moved without a signal (one process rebuilt the shared boards): check every watched one. */
	'boards:recheck': () => void;
	'feed:item': (item: FeedItem | FeedBadge) => void;
}

export const ROOMS = {
	/** Every connected socket (announcements, reload hints). */
	public: 'public',
	/** The province-wide ticker of approvals and badges (phones' ticker, the showcase). */
	feed: 'feed',
	board: (key: string) => `board:${key}`,
	unit: (unitId: number) => `unit:${unitId}`,
	person: (personId: number) => `person:${personId}`,
	session: (sessionId: string) => `session:${sessionId}`
} as const;

/** Rooms a socket may hold at once (its own person and session rooms excluded). */
export const MAX_JOINED_ROOMS = 24;

export const SOCKET_PATH = '/socket.io';

/**
 * socket.io-client's reconnection back-off. When a server restarts or an event's Wi-Fi drops, every phone loses its
 * socket at the same moment: the first attempt falls anywhere in 0-5 s (randomizationFactor 1 spreads it over twice
 * the delay), later ones up to 15 s, so 10,000 phones come back over seconds instead of in one burst.
 */
export const RECONNECT = { reconnectionDelay: 2500, reconnectionDelayMax: 15_000, randomizationFactor: 1 } as const;

/** When the socket is down, boards are refreshed over plain HTTP this often. */
export const POLL_SECONDS = 15;

/** How often a board may be broadcast: at most one delta per board per tick. */
export const TICK_MS = 250;
