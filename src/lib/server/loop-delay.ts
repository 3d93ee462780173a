import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay in milliseconds over a window: how long ready work waited for the loop. */
export interface LoopDelayReading {
	p50: number;
	p99: number;
	max: number;
	/** How long the window is: since the server started or since the last reset. */
	windowMs: number;
}

const RESOLUTION_MS = 10;
/** The histogram records the time between samples; the delay is what exceeds the sampling interval. */
const delayMs = (ns: number) => Math.max(0, Math.round(ns / 1e4 - RESOLUTION_MS * 100) / 100);

/**
 * The process's event-loop delay, sampled every 10 ms by Node's histogram (perf_hooks), the 10 ms themselves subtracted. Read by
 * /api/health; `reset` starts a new window, so a benchmark or a monitor can measure one stretch of time.
 */
export class LoopDelay {
	private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	private since = Date.now();

	constructor() {
		this.histogram.enable();
	}

	read(reset = false): LoopDelayReading {
		const h = this.histogram;
		const now = Date.now();
		const reading =
			h.count === 0
				? { p50: 0, p99: 0, max: 0, windowMs: now - this.since }
				: { p50: delayMs(h.percentile(50)), p99: delayMs(h.percentile(99)), max: delayMs(h.max), windowMs: now - this.since };
		if (reset) {
			h.reset();
			this.since = now;
		}
		return reading;
	}

	stop(): void {
		this.histogram.disable();
	}
}
