import type { LeaderboardStore } from './store';
import type { MemoryLeaderboardStore } from './memory-store';

/** How often a rebuild starts over because the ledger moved while it ran, before it settles for a later check. */
const REBUILD_ATTEMPTS = 5;
const RECHECK_AFTER_MS = 2000;

/**
 * Redis boards with a local copy: every change goes to both, reads come from Redis while it is healthy.
 * When Redis fails, this process keeps answering from its own copy (its approvals still count there), and
 * when Redis comes back the shared boards are rebuilt from the ledger before Redis is read again.
 *
 * Every reconnection rebuilds, not only one after a failed command: a Redis that restarted (or failed over)
 * while this process happened not to use it comes back empty or older than the ledger, and nothing else
 * would ever notice. A rebuild writes the ledger as it was read; an approval committed meanwhile (here,
 * where it went to the local copy only, or in another process, whose write the rebuild then replaced)
 * would be missing from the shared boards, so a rebuild runs again until the ledger held still during one.
 */
export class ResilientLeaderboardStore implements LeaderboardStore {
	private healthy = false;
	private rebuilding: Promise<void> | null = null;
	private recheck: ReturnType<typeof setTimeout> | null = null;
	/** Called after the shared boards were rebuilt following an outage: watchers may have missed changes. */
	onResync: (() => void) | null = null;

	constructor(
		private readonly remote: LeaderboardStore,
		private readonly local: MemoryLeaderboardStore,
		private readonly fromLedger: () => Map<string, Map<string, { score: number; seq: number }>>,
		onReady: (listener: () => void) => void,
		/** The ledger's sequence (highest point entry id): tells whether it moved during a rebuild. */
		private readonly ledgerSequence: () => number = () => 0
	) {
		onReady(() => {
			// Until rebuilt, Redis may hold nothing or an older state: read the local copy meanwhile.
			this.healthy = false;
			void this.resync();
		});
	}

	get usingRedis(): boolean {
		return this.healthy;
	}

	private fail(err: unknown): void {
		if (this.healthy) console.error('[boards] Redis unavailable, serving boards from this process', err instanceof Error ? err.message : err);
		this.healthy = false;
	}

	private resync(): Promise<void> {
		this.rebuilding ??= this.rebuild()
			.then((settled) => {
				const recovered = !this.healthy;
				if (recovered) console.info('[boards] Redis boards rebuilt from the ledger');
				this.healthy = true;
				if (!settled) this.scheduleRecheck();
				this.onResync?.();
			})
			.catch((err) => this.fail(err))
			.finally(() => (this.rebuilding = null));
		return this.rebuilding;
	}

	/** Rebuilds Redis (and the local copy) from the ledger; false when the ledger kept moving during every attempt. */
	private async rebuild(): Promise<boolean> {
		for (let attempt = 1; attempt <= REBUILD_ATTEMPTS; attempt++) {
			const sequence = this.ledgerSequence();
			const boards = this.fromLedger();
			await this.local.replaceAll(boards);
			await this.remote.replaceAll(boards);
			if (this.ledgerSequence() === sequence) return true;
		}
		console.warn(`[boards] the ledger kept moving during ${REBUILD_ATTEMPTS} rebuilds of the Redis boards: checking again shortly`);
		return false;
	}

	private scheduleRecheck(): void {
		if (this.recheck) return;
		this.recheck = setTimeout(() => {
			this.recheck = null;
			void this.resync();
		}, RECHECK_AFTER_MS);
		this.recheck.unref?.();
	}

	private async read<T>(query: (store: LeaderboardStore) => Promise<T>): Promise<T> {
		if (this.healthy) {
			try {
				return await query(this.remote);
			} catch (err) {
				this.fail(err);
			}
		}
		return query(this.local);
	}

	async apply(changes: Parameters<LeaderboardStore['apply']>[0]): Promise<void> {
		await this.local.apply(changes);
		if (!this.healthy) return;
		try {
			await this.remote.apply(changes);
		} catch (err) {
			// Redis may or may not have taken it: only a rebuild makes it certain again.
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

	async replaceAll(boards: Map<string, Map<string, { score: number; seq: number }>>): Promise<void> {
		await this.local.replaceAll(boards);
		try {
			await this.remote.replaceAll(boards);
			this.healthy = true;
		} catch (err) {
			this.fail(err);
		}
	}

	async close(): Promise<void> {
		if (this.recheck) clearTimeout(this.recheck);
		this.recheck = null;
		await this.local.close();
	}
}
