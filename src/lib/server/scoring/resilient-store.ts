import { BoardsMovedOn, type BoardChange, type Boards, type LeaderboardStore } from './store';
import type { MemoryLeaderboardStore } from './memory-store';
import { followLedger, needsRebuild, type LedgerFeed } from './follow';

/**
 * Redis boards with a local copy: both follow the ledger by its sequence, reads come from Redis while it is
 * healthy. When Redis fails, this process keeps answering from its own copy — which still follows the
 * shared ledger, other processes' approvals included — and when Redis comes back it is brought up to the
 * ledger before it is read again.
 *
 * Every reconnection checks, not only one after a failed command: a Redis that restarted (or failed over)
 * while this process happened not to use it comes back empty or older than the ledger, and nothing else
 * would ever notice. Its boards and their sequence are written together, so whatever state it comes back
 * in is consistent: one that holds a sequence is caught up from it, one without (restarted empty) or far
 * behind is rebuilt from a snapshot of the ledger and then caught up from that snapshot's sequence.
 */
export class ResilientLeaderboardStore implements LeaderboardStore {
	private healthy = false;
	private resyncing: Promise<void> | null = null;
	/** Called after the shared boards were brought back following an outage: watchers may have missed changes. */
	onResync: (() => void) | null = null;

	constructor(
		private readonly remote: LeaderboardStore,
		private readonly local: MemoryLeaderboardStore,
		private readonly ledger: LedgerFeed,
		onReady: (listener: () => void) => void
	) {
		onReady(() => {
			// Until checked, Redis may hold nothing or an older state: read the local copy meanwhile.
			this.healthy = false;
			void this.resync();
		});
	}

	get usingRedis(): boolean {
		return this.healthy;
	}

	/** Resolves once any check of Redis under way has finished (shutdown and tests wait on it, never on a pause). */
	async settled(): Promise<void> {
		while (this.resyncing) await this.resyncing;
	}

	private fail(err: unknown): void {
		if (this.healthy)
			console.error('[boards] Redis unavailable, serving boards from this process', err instanceof Error ? err.message : err);
		this.healthy = false;
	}

	/** Redis answers but holds no sequence (restarted empty, flushed): rebuild it before reading it again. */
	private lost(): void {
		if (this.healthy) console.warn('[boards] the Redis boards lost their ledger sequence: rebuilding them from the ledger');
		this.healthy = false;
		void this.resync();
	}

	private resync(): Promise<void> {
		this.resyncing ??= this.bringBack()
			.then(() => {
				if (!this.healthy) console.info('[boards] Redis boards follow the ledger again');
				this.healthy = true;
				this.onResync?.();
			})
			.catch((err) => this.fail(err))
			.finally(() => (this.resyncing = null));
		return this.resyncing;
	}

	/** Catches Redis up with the ledger, rebuilding it first when it cannot be caught up row by row. */
	private async bringBack(): Promise<void> {
		let followed = await followLedger(this.ledger, this.remote, null);
		if (needsRebuild(followed)) {
			const { sequence, boards } = this.ledger.snapshot();
			try {
				// Another process may have brought Redis back meanwhile, and rows followed: never take it back to older boards.
				await this.remote.replaceAll(boards, sequence, { unlessNewer: true });
				followed = await followLedger(this.ledger, this.remote, sequence);
			} catch (err) {
				if (!(err instanceof BoardsMovedOn)) throw err;
				followed = await followLedger(this.ledger, this.remote, null);
			}
		}
		if (followed.at === null) throw new Error('the Redis boards lost their sequence again while being rebuilt');
	}

	private async read<T>(query: (store: LeaderboardStore) => Promise<T>): Promise<T> {
		if (this.healthy) {
			try {
				return await query(this.remote);
			} catch (err) {
				this.fail(err);
			}
		}
		return query(await this.localCaughtUp());
	}

	/**
	 * The local copy follows the ledger only as often as the periodic check runs: brought up to it before it
	 * answers, so the first page served in an outage is not up to a check's interval behind (a cheap call
	 * when it is already there: one read of the ledger's sequence).
	 */
	private async localCaughtUp(): Promise<MemoryLeaderboardStore> {
		await followLedger(this.ledger, this.local, null);
		return this.local;
	}

	/**
	 * Where both stand: the lower of the two, so that following the ledger from it serves both. Asked by the
	 * periodic check, it also gives a Redis that failed a command without dropping the connection (so no
	 * reconnection will announce it) another chance.
	 */
	async sequence(): Promise<number | null> {
		const local = await this.local.sequence();
		if (!this.healthy) {
			void this.resync();
			return local;
		}
		try {
			const remote = await this.remote.sequence();
			if (remote === null) {
				this.lost();
				return local;
			}
			return local === null ? null : Math.min(local, remote);
		} catch (err) {
			this.fail(err);
			return local;
		}
	}

	/** Each part applies the rows only if it stands at `from` (a part already past it refuses, harmlessly). */
	async advance(from: number, to: number, changes: BoardChange[]): Promise<number | null> {
		const local = await this.local.advance(from, to, changes);
		if (!this.healthy) return local;
		try {
			const remote = await this.remote.advance(from, to, changes);
			if (remote === null) {
				this.lost();
				return local;
			}
			return local === null ? null : Math.min(local, remote);
		} catch (err) {
			// Redis may or may not have taken it; its sequence will tell when it is checked again.
			this.fail(err);
			return local;
		}
	}

	async apply(changes: BoardChange[]): Promise<void> {
		await this.local.apply(changes);
		if (!this.healthy) return;
		try {
			await this.remote.apply(changes);
		} catch (err) {
			this.fail(err);
		}
	}

	top(key: string, limit: number, offset?: number) {
		return this.read((s) => s.top(key, limit, offset));
	}
	row(key: string, subjectId: string) {
		return this.read((s) => s.row(key, subjectId));
	}
	around(key: string, subjectId: string, radius: number) {
		return this.read((s) => s.around(key, subjectId, radius));
	}
	size(key: string) {
		return this.read((s) => s.size(key));
	}
	keys() {
		return this.read((s) => s.keys());
	}
	scores(key: string) {
		return this.read((s) => s.scores(key));
	}

	async replaceAll(boards: Boards, sequence: number): Promise<void> {
		// Copied first: the local store keeps the boards it is given and moves them as approvals come (see Boards).
		const forRemote = copyOf(boards);
		await this.local.replaceAll(boards, sequence);
		try {
			await this.remote.replaceAll(forRemote, sequence);
			this.healthy = true;
		} catch (err) {
			this.fail(err);
		}
	}

	async close(): Promise<void> {
		await this.local.close();
	}
}

function copyOf(boards: Boards): Boards {
	return new Map([...boards].map(([key, entries]) => [key, new Map([...entries].map(([id, entry]) => [id, { ...entry }]))]));
}
