import type { Config } from '../config';
import type { Db } from '../db/client';
import type { LeaderboardStore } from '../scoring/store';
import type { LoopDelay } from '../loop-delay';
import type { BackupStatus } from '../backup/status';
import type { Server } from 'socket.io';
import type {
	ClientToServerEvents,
	FeedBadge,
	FeedItem,
	InterServerEvents,
	MyBadge,
	ServerToClientEvents,
	SocketData
} from '../../realtime/contract';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type RedisState = 'off' | 'ok' | 'down';

/** Live parts the realtime layer reports once it is attached to an HTTP server. */
export interface RealtimeStatus {
	connectedSockets(): number;
	redisState(): RedisState;
	close(): Promise<void>;
}

/** What services may push after a commit; the socket.io implementation lives in publisher.ts. */
export interface LivePublisher {
	/** These boards have new totals. */
	boardsChanged(keys: string[], changedAt?: number): void;
	/** Any board may have moved (they were rebuilt from the ledger): every watched board is checked again. */
	boardsRebuilt(): void;
	/** The periodic check's look at the ledger: boards moved by rows nobody announced here are checked again. */
	ledgerAt(sequence: number): void;
	/** Something under these units changed: review queues and "my page" refresh. */
	unitsChanged(unitIds: number[]): void;
	feed(item: FeedItem | FeedBadge): void;
	badgeEarned(personId: number, badge: MyBadge): void;
	/** These people have a new notice under their bell. */
	noticed(personIds: number[]): void;
	/** A session ended (logout): its sockets go now, in every process. */
	sessionEnded(sessionId: string): void;
}

/** One per process: the database, the boards, the live layer and what /api/health reports. */
export interface Runtime {
	config: Config;
	db: Db;
	/** Leaderboards: a projection of the ledger, rebuilt at start. */
	boards: LeaderboardStore;
	closeBoards: () => Promise<void>;
	/** Calls `listener` whenever the shared boards came back after an outage and were resynced (never without Redis). */
	whenBoardsResynced: (listener: () => void) => void;
	realtime: RealtimeStatus | null;
	/** Pushes to sockets; null until socket.io is attached (and in commands and tests without a server). */
	live: LivePublisher | null;
	/** Event-loop delay of this process (reported by /api/health). */
	loopDelay: LoopDelay;
	/** Stops what start-up set going in the background (the ledger follower, scheduled backups). */
	stops: Array<() => void>;
	/** Set when the process has been asked to stop: /api/health answers 503 so traffic moves elsewhere. */
	stopping: boolean;
	/** Scheduled backups of this process (null: no schedule). */
	backups: { status(): BackupStatus } | null;
}
