/**
 * Preloaded into the app server by bench/live.ts only (`node --expose-gc --import ./bench/live-server-probe.mjs
 * build/server.js`), never in production: on SIGUSR2 it collects garbage and prints the process's memory on one
 * line, so memory per connection is measured after a GC as benchmark B5 asks. Plain JavaScript: loading tsx for it
 * would add tsx's loader to the memory it measures.
 */
process.on('SIGUSR2', () => {
	globalThis.gc?.();
	globalThis.gc?.();
	const m = process.memoryUsage();
	console.log(`[live-probe] ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, gc: globalThis.gc !== undefined })}`);
});
