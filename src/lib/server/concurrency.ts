/**
 * Runs at most `max` jobs at once; the rest wait their turn in order. For work that is heavy in memory or CPU
 * (argon2 hashing, photo decoding), so a burst of requests queues instead of exhausting the server.
 */
export function concurrencyLimit(max: number): <T>(work: () => Promise<T>) => Promise<T> {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async (work) => {
		if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
		running++;
		try {
			return await work();
		} finally {
			running--;
			waiting.shift()?.();
		}
	};
}
