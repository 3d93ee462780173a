/**
 * The process's budget for password hashing. Argon2id costs about 15 ms of CPU and 19 MiB per call here, on
 * libuv's thread pool: a flood of bad logins spread over accounts and addresses (each under its own throttle)
 * would otherwise take every core and slow every page. At most `concurrency` hashes run at once and at most
 * `queue` wait; a request beyond that is refused at once, before any hashing, with a time to retry.
 */
export interface HashBudgetOptions {
	concurrency: number;
	queue: number;
}

/** A place in the budget, taken synchronously; `run` hashes in turn, `cancel` gives the place back unused. */
export interface HashSlot {
	run<T>(work: () => Promise<T>): Promise<T>;
	cancel(): void;
}

export interface HashBudgetStats {
	running: number;
	waiting: number;
	admitted: number;
	shed: number;
}

/** A first guess of one hash's duration, until some have been measured. */
const INITIAL_ESTIMATE_MS = 20;

export class HashBudget {
	private running = 0;
	/** Places taken and not yet given back (running, waiting, or taken and not yet run). */
	private held = 0;
	private readonly turns: Array<() => void> = [];
	private averageMs = INITIAL_ESTIMATE_MS;
	private admitted = 0;
	private shed = 0;
	private shedReported = 0;
	private lastReportAt = -Infinity;

	constructor(readonly options: HashBudgetOptions) {
		if (!(options.concurrency >= 1) || !(options.queue >= 0)) throw new Error('hash budget: concurrency ≥ 1 and queue ≥ 0');
	}

	/** A place, or null when the budget is full: the caller answers "busy" without hashing. */
	admit(): HashSlot | null {
		if (this.held >= this.options.concurrency + this.options.queue) {
			this.shed++;
			return null;
		}
		this.held++;
		this.admitted++;
		let used = false;
		const settle = () => {
			if (used) throw new Error('hash slot used twice');
			used = true;
		};
		return {
			run: async <T>(work: () => Promise<T>) => {
				settle();
				if (this.running >= this.options.concurrency) await new Promise<void>((resolve) => this.turns.push(resolve));
				else this.running++;
				const started = performance.now();
				try {
					return await work();
				} finally {
					this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
					this.held--;
					// The place passes straight to the next in line, so a newcomer cannot slip in between.
					const next = this.turns.shift();
					if (next) next();
					else this.running--;
				}
			},
			cancel: () => {
				if (used) return;
				settle();
				this.held--;
			}
		};
	}

	/** How long a refused caller should wait: the work ahead of it, at least a second. */
	retryAfterMs(): number {
		const rounds = Math.ceil(Math.max(1, this.held) / this.options.concurrency);
		return Math.max(1000, Math.ceil((rounds * this.averageMs) / 1000) * 1000);
	}

	/**
	 * Refusals since the last report, at most one report per `everyMs`: a flood is audited as a few summary
	 * rows, not one committed row per refused request (each commit is an fsync on the event loop).
	 */
	takeShedReport(now: number, everyMs: number): number | null {
		if (this.shed === this.shedReported || now - this.lastReportAt < everyMs) return null;
		const count = this.shed - this.shedReported;
		this.shedReported = this.shed;
		this.lastReportAt = now;
		return count;
	}

	stats(): HashBudgetStats {
		return { running: this.running, waiting: this.turns.length, admitted: this.admitted, shed: this.shed };
	}
}

/**
 * One budget per process, shared through globalThis: the production entry and SvelteKit's bundled server
 * code each load their own copy of this module and must still share it. The runtime sets it from the config.
 */
const KEY = Symbol.for('tienphong.hashBudget');
type Holder = { [KEY]?: HashBudget };

export const DEFAULT_HASH_BUDGET: HashBudgetOptions = { concurrency: 1, queue: 16 };

export function processHashBudget(): HashBudget {
	const holder = globalThis as Holder;
	holder[KEY] ??= new HashBudget(DEFAULT_HASH_BUDGET);
	return holder[KEY];
}

export function configureHashBudget(options: HashBudgetOptions): HashBudget {
	const budget = new HashBudget(options);
	(globalThis as Holder)[KEY] = budget;
	return budget;
}
