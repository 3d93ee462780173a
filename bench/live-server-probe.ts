/**
 * Preloaded into the app server by bench/live.ts only (`node --expose-gc --import tsx --import
 * ./bench/live-server-probe.ts server.ts`), never in production: on SIGUSR2 it collects garbage and prints the
 * process's memory on one line, so memory per connection is measured after a GC as benchmark B5 asks.
 */
process.on('SIGUSR2', () => {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const m = process.memoryUsage();
	console.log(`[live-probe] ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, gc: gc !== undefined })}`);
});

export {};
