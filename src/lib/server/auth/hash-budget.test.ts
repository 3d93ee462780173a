import { describe, expect, it } from 'vitest';
import { HashBudget } from './hash-budget';

/** A job that runs until the test lets it finish. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, job: () => opened };
}

describe('hash budget', () => {
	it('runs `concurrency` jobs at once, queues `queue` more in order, and refuses the rest without running them', async () => {
		const budget = new HashBudget({ concurrency: 2, queue: 2 });
		const started: number[] = [];
		const gates = Array.from({ length: 4 }, gate);
		const slots = gates.map(() => budget.admit());
		expect(slots.every(Boolean)).toBe(true);
		expect(budget.admit()).toBeNull();
		const done = slots.map((slot, i) =>
			slot!.run(async () => {
				started.push(i);
				await gates[i]!.job();
				return i;
			})
		);
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		expect(budget.stats()).toEqual({ running: 2, waiting: 2, admitted: 4, shed: 1 });
		gates[1]!.open();
		await done[1];
		await Promise.resolve();
		expect(started).toEqual([0, 1, 2]);
		// A place came free in the queue, not in the running pair: one newcomer fits, the next does not.
		expect(budget.admit()).not.toBeNull();
		expect(budget.admit()).toBeNull();
		for (const g of gates) g.open();
		expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
	});

	it('gives a cancelled place back, and a failed job frees its place too', async () => {
		const budget = new HashBudget({ concurrency: 1, queue: 0 });
		budget.admit()!.cancel();
		const slot = budget.admit()!;
		expect(budget.admit()).toBeNull();
		await expect(slot.run(() => Promise.reject(new Error('argon2 failed')))).rejects.toThrow('argon2 failed');
		expect(budget.admit()).not.toBeNull();
	});

	it('refuses to run one place twice', async () => {
		const slot = new HashBudget({ concurrency: 1, queue: 1 }).admit()!;
		await slot.run(async () => 1);
		await expect(slot.run(async () => 2)).rejects.toThrow();
	});

	it('asks refused callers to retry after at least a second', () => {
		const budget = new HashBudget({ concurrency: 1, queue: 0 });
		budget.admit();
		expect(budget.retryAfterMs()).toBeGreaterThanOrEqual(1000);
		expect(budget.retryAfterMs() % 1000).toBe(0);
	});

	it('reports refusals as summaries: the first at once, then the count since, at most once per period', () => {
		const budget = new HashBudget({ concurrency: 1, queue: 0 });
		expect(budget.takeShedReport(0, 10_000)).toBeNull();
		budget.admit();
		budget.admit();
		expect(budget.takeShedReport(1_000, 10_000)).toBe(1);
		budget.admit();
		budget.admit();
		expect(budget.takeShedReport(5_000, 10_000)).toBeNull();
		expect(budget.takeShedReport(11_000, 10_000)).toBe(2);
		expect(budget.takeShedReport(30_000, 10_000)).toBeNull();
	});

	it('refuses a budget that could never hash', () => {
		expect(() => new HashBudget({ concurrency: 0, queue: 5 })).toThrow();
	});
});
