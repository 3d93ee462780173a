/**
 * Waiting on the thing itself — a condition, an event, a promise — with a bound that fails loudly and says
 * what did not happen. No fixed pauses: a pause long enough for a loaded machine is wasted on a quiet one,
 * and one short enough for a quiet machine flakes on a loaded one. Elapsed time is performance.now()
 * (monotonic), never the wall clock.
 */

/** Resolves once `check` holds (polled every `everyMs`); throws "`what`: not met within `timeoutMs` ms" otherwise. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition', everyMs = 10): Promise<void> {
	const start = performance.now();
	while (!(await check())) {
		if (performance.now() - start > timeoutMs) throw new Error(`${what}: not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** The promise's outcome, or a rejection naming `what` if it has not settled within `timeoutMs`. */
export function within<T>(timeoutMs: number, what: string, promise: Promise<T>): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, fail) => {
		timer = setTimeout(() => fail(new Error(`${what}: did not happen within ${timeoutMs} ms`)), timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A deliberate gap in time, for choreographing a crash or a signal (kill while a pause window is open, send a
 * late request after the stop began). Never for waiting on a result: use until() or within() for that.
 */
export function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
