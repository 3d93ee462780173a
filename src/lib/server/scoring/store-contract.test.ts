import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { deletePrefix, REDIS_URL, requireRedisUnlessLocal } from '../../../../tests/helpers/redis';
import { BoardsMovedOn, type BoardRow, type Boards, type LeaderboardStore } from './store';
import { MemoryLeaderboardStore } from './memory-store';
import { RedisLeaderboardStore } from './redis-store';

// Throws under CI=true when Redis is down, so the Redis half can be skipped only on a developer machine.
const redisUp = await requireRedisUnlessLocal();

type Change = { key: string; subjectId: string; delta: number; seq: number };

interface StoreFactory {
	name: string;
	enabled: boolean;
	setup(): Promise<void>;
	create(): Promise<LeaderboardStore>;
	cleanup(): Promise<void>;
	teardown(): Promise<void>;
}

const memoryFactory: StoreFactory = {
	name: 'memory',
	enabled: true,
	setup: async () => {},
	create: async () => new MemoryLeaderboardStore(),
	cleanup: async () => {},
	teardown: async () => {}
};

function redisFactory(): StoreFactory {
	let client: Redis | null = null;
	let prefix = '';
	let counter = 0;
	return {
		name: 'redis',
		enabled: redisUp,
		setup: async () => {
			client = new Redis(REDIS_URL);
		},
		create: async () => {
			// A prefix per test: a failed cleanup cannot leak rows into the next case.
			prefix = `tienphong-test-lb-${process.pid}-${crypto.randomUUID()}-${++counter}`;
			return new RedisLeaderboardStore(client!, prefix);
		},
		// The trailing colon keeps test 1's cleanup away from test 10's keys.
		cleanup: async () => deletePrefix(`${prefix}:`),
		teardown: async () => {
			await client?.quit();
		}
	};
}

/** Deterministic PRNG (mulberry32) so a failing randomized case replays identically. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Brute-force reference of the contract, deliberately naive: it shares no code with either store. */
class Reference {
	boards = new Map<string, Map<string, { score: number; seq: number }>>();

	apply(changes: Change[]): void {
		for (const { key, subjectId, delta, seq } of changes) {
			const board = this.boards.get(key) ?? new Map<string, { score: number; seq: number }>();
			const score = (board.get(subjectId)?.score ?? 0) + delta;
			if (score === 0) board.delete(subjectId);
			else board.set(subjectId, { score, seq });
			if (board.size > 0) this.boards.set(key, board);
			else this.boards.delete(key);
		}
	}

	list(key: string): BoardRow[] {
		const entries = [...(this.boards.get(key) ?? new Map<string, { score: number; seq: number }>())].map(([subjectId, { score, seq }]) => ({
			subjectId,
			score,
			seq
		}));
		entries.sort((a, b) => b.score - a.score || a.seq - b.seq || (a.subjectId < b.subjectId ? -1 : 1));
		return entries.map((entry) => ({ ...entry, rank: 1 + entries.filter((other) => other.score > entry.score).length }));
	}
}

const names = (rows: BoardRow[]) => rows.map((row) => row.subjectId);

describe.each([memoryFactory, redisFactory()])('$name leaderboard store', (factory) => {
	describe.runIf(factory.enabled)('contract', () => {
		let store: LeaderboardStore;
		beforeAll(() => factory.setup());
		beforeEach(async () => {
			store = await factory.create();
		});
		afterEach(async () => {
			await store.close();
			await factory.cleanup();
		});
		afterAll(() => factory.teardown());

		/** Board 'b' with scores 50, 30, 30, 10 where c reached 30 before b. */
		async function seedBoard() {
			await store.apply([
				{ key: 'b', subjectId: 'a', delta: 50, seq: 1 },
				{ key: 'b', subjectId: 'c', delta: 30, seq: 2 },
				{ key: 'b', subjectId: 'b', delta: 30, seq: 3 },
				{ key: 'b', subjectId: 'd', delta: 10, seq: 4 }
			]);
		}

		it('an empty board has no rows', async () => {
			expect(await store.top('none', 10)).toEqual([]);
			expect(await store.size('none')).toBe(0);
			expect(await store.row('none', 'x')).toBeNull();
			expect(await store.around('none', 'x', 3)).toEqual([]);
			expect(await store.scores('none')).toEqual(new Map());
			expect(await store.keys()).toEqual([]);
		});

		it('lists scores desc with competition ranks', async () => {
			await seedBoard();
			expect(await store.top('b', 10)).toEqual([
				{ subjectId: 'a', score: 50, rank: 1, seq: 1 },
				{ subjectId: 'c', score: 30, rank: 2, seq: 2 },
				{ subjectId: 'b', score: 30, rank: 2, seq: 3 },
				{ subjectId: 'd', score: 10, rank: 4, seq: 4 }
			]);
			expect(await store.size('b')).toBe(4);
		});

		it('orders ties by seq asc, then subjectId asc', async () => {
			await store.apply([
				{ key: 'k', subjectId: 'z', delta: 7, seq: 10 },
				{ key: 'k', subjectId: 'y', delta: 7, seq: 12 },
				{ key: 'k', subjectId: 'x', delta: 7, seq: 12 },
				{ key: 'k', subjectId: 'w', delta: 7, seq: 11 }
			]);
			expect(names(await store.top('k', 10))).toEqual(['z', 'w', 'x', 'y']);
			// Catching up later lists the subject after the one that reached the score first.
			await store.apply([
				{ key: 'k', subjectId: 'late', delta: 5, seq: 1 },
				{ key: 'k', subjectId: 'late', delta: 2, seq: 20 }
			]);
			expect(names(await store.top('k', 10))).toEqual(['z', 'w', 'x', 'y', 'late']);
			expect((await store.top('k', 10)).map((row) => row.rank)).toEqual([1, 1, 1, 1, 1]);
		});

		it('around returns the window at the top, middle and bottom', async () => {
			await seedBoard();
			expect(names(await store.around('b', 'a', 1))).toEqual(['a', 'c']);
			expect(names(await store.around('b', 'b', 1))).toEqual(['c', 'b', 'd']);
			expect(names(await store.around('b', 'c', 1))).toEqual(['a', 'c', 'b']);
			expect(names(await store.around('b', 'd', 2))).toEqual(['c', 'b', 'd']);
			expect(names(await store.around('b', 'b', 0))).toEqual(['b']);
			expect(await store.around('b', 'b', 1)).toEqual([
				{ subjectId: 'c', score: 30, rank: 2, seq: 2 },
				{ subjectId: 'b', score: 30, rank: 2, seq: 3 },
				{ subjectId: 'd', score: 10, rank: 4, seq: 4 }
			]);
			expect(await store.around('b', 'nobody', 2)).toEqual([]);
		});

		it('row returns score, rank and seq', async () => {
			await seedBoard();
			expect(await store.row('b', 'a')).toEqual({ subjectId: 'a', score: 50, rank: 1, seq: 1 });
			expect(await store.row('b', 'b')).toEqual({ subjectId: 'b', score: 30, rank: 2, seq: 3 });
			expect(await store.row('b', 'd')).toEqual({ subjectId: 'd', score: 10, rank: 4, seq: 4 });
			expect(await store.row('b', 'nobody')).toBeNull();
			expect(await store.row('other', 'a')).toBeNull();
		});

		it('a reversal to exactly 0 removes the subject and restores the board', async () => {
			await seedBoard();
			const before = await store.top('b', 100);
			const keysBefore = await store.keys();
			await store.apply([
				{ key: 'b', subjectId: 'new', delta: 40, seq: 5 },
				{ key: 'fresh', subjectId: 'new', delta: 40, seq: 5 }
			]);
			expect((await store.row('b', 'new'))?.rank).toBe(2);
			expect(await store.keys()).toEqual(['b', 'fresh']);
			await store.apply([
				{ key: 'b', subjectId: 'new', delta: -40, seq: 6 },
				{ key: 'fresh', subjectId: 'new', delta: -40, seq: 6 }
			]);
			expect(await store.top('b', 100)).toEqual(before);
			expect(await store.row('b', 'new')).toBeNull();
			expect(await store.size('b')).toBe(4);
			expect(await store.size('fresh')).toBe(0);
			expect(await store.keys()).toEqual(keysBefore);
		});

		it('a delta of 0 never adds a subject', async () => {
			await store.apply([{ key: 'z', subjectId: 'ghost', delta: 0, seq: 1 }]);
			expect(await store.row('z', 'ghost')).toBeNull();
			expect(await store.size('z')).toBe(0);
			expect(await store.keys()).toEqual([]);
		});

		it('negative scores are listed below zero', async () => {
			await store.apply([
				{ key: 'n', subjectId: 'minus', delta: -3, seq: 1 },
				{ key: 'n', subjectId: 'plus', delta: 2, seq: 2 }
			]);
			expect(await store.top('n', 10)).toEqual([
				{ subjectId: 'plus', score: 2, rank: 1, seq: 2 },
				{ subjectId: 'minus', score: -3, rank: 2, seq: 1 }
			]);
		});

		it('applies several keys in one call, in order within a key', async () => {
			await store.apply([
				{ key: 'k1', subjectId: 's', delta: 5, seq: 1 },
				{ key: 'k2', subjectId: 's', delta: 1, seq: 1 },
				{ key: 'k1', subjectId: 's', delta: 3, seq: 2 },
				{ key: 'k3', subjectId: 't', delta: 9, seq: 2 }
			]);
			expect(await store.row('k1', 's')).toEqual({ subjectId: 's', score: 8, rank: 1, seq: 2 });
			expect(await store.row('k2', 's')).toEqual({ subjectId: 's', score: 1, rank: 1, seq: 1 });
			expect(await store.row('k3', 't')).toEqual({ subjectId: 't', score: 9, rank: 1, seq: 2 });
			expect(await store.keys()).toEqual(['k1', 'k2', 'k3']);
		});

		it('rejects a non-integer change without applying any change of the call', async () => {
			await expect(
				store.apply([
					{ key: 'v', subjectId: 'ok', delta: 1, seq: 1 },
					{ key: 'v', subjectId: 'bad', delta: 0.5, seq: 2 }
				])
			).rejects.toThrow(TypeError);
			expect(await store.size('v')).toBe(0);
		});

		it('replaceAll unlessNewer never takes a store that stands past it back to older boards', async () => {
			const at = (score: number): Boards => new Map([['k', new Map([['x', { subjectId: 'x', score, seq: 1 }]])]]);
			await store.replaceAll(at(10), 5);
			await store.advance(5, 8, [{ key: 'k', subjectId: 'x', delta: 7, seq: 6 }]);
			// A rebuild read at 6, finishing after the store moved on to 8: refused, nothing changed.
			await expect(store.replaceAll(at(12), 6, { unlessNewer: true })).rejects.toThrow(BoardsMovedOn);
			expect(await store.sequence()).toBe(8);
			expect(await store.top('k', 1)).toMatchObject([{ subjectId: 'x', score: 17 }]);
			// At or past where the store stands, it replaces as usual.
			await store.replaceAll(at(17), 8, { unlessNewer: true });
			expect(await store.sequence()).toBe(8);
			expect(await store.keys()).toEqual(['k']);
		});

		it('replaceAll replaces every board', async () => {
			await seedBoard();
			await store.apply([{ key: 'old', subjectId: 'x', delta: 1, seq: 9 }]);
			await store.replaceAll(
				new Map([
					[
						'new1',
						new Map([
							['p', { subjectId: 'p', score: 3, seq: 4 }],
							['q', { subjectId: 'q', score: 3, seq: 2 }],
							['zero', { subjectId: 'zero', score: 0, seq: 5 }]
						])
					],
					['new2', new Map([['r', { subjectId: 'r', score: 1, seq: 1 }]])],
					['empty', new Map()]
				]),
				41
			);
			expect(await store.sequence()).toBe(41);
			expect(await store.keys()).toEqual(['new1', 'new2']);
			expect(await store.size('b')).toBe(0);
			expect(await store.top('old', 10)).toEqual([]);
			expect(await store.top('new1', 10)).toEqual([
				{ subjectId: 'q', score: 3, rank: 1, seq: 2 },
				{ subjectId: 'p', score: 3, rank: 1, seq: 4 }
			]);
			expect(await store.row('new2', 'r')).toEqual({ subjectId: 'r', score: 1, rank: 1, seq: 1 });
			// The rebuilt boards keep accepting changes.
			await store.apply([{ key: 'new2', subjectId: 'r', delta: -1, seq: 10 }]);
			expect(await store.keys()).toEqual(['new1']);
		});

		it('holds no ledger sequence until rebuilt, and refuses to advance without one', async () => {
			expect(await store.sequence()).toBeNull();
			expect(await store.advance(0, 3, [{ key: 'a', subjectId: 'x', delta: 5, seq: 1 }])).toBeNull();
			expect(await store.keys()).toEqual([]);
			// A raw apply (tests, tools) moves scores but never the sequence.
			await store.apply([{ key: 'a', subjectId: 'x', delta: 5, seq: 1 }]);
			expect(await store.sequence()).toBeNull();
		});

		it('advances by ledger sequence: each range applies once, whoever sends it and however often', async () => {
			await store.replaceAll(new Map([['a', new Map([['x', { subjectId: 'x', score: 10, seq: 1 }]])]]), 7);
			const rows8to9 = [
				{ key: 'a', subjectId: 'x', delta: 5, seq: 1 },
				{ key: 'b', subjectId: 'y', delta: 2, seq: 2 }
			];
			expect(await store.advance(7, 9, rows8to9)).toBe(9);
			expect(await store.sequence()).toBe(9);
			// The same rows again (a retry, or a second process catching up from the same point) do nothing.
			expect(await store.advance(7, 9, rows8to9)).toBe(9);
			expect(await store.advance(5, 9, rows8to9)).toBe(9);
			expect(await store.scores('a')).toEqual(new Map([['x', 15]]));
			expect(await store.scores('b')).toEqual(new Map([['y', 2]]));
			// Two callers racing over the same range: exactly one applies it.
			const rows10to12 = [{ key: 'a', subjectId: 'x', delta: 1, seq: 1 }];
			const answers = await Promise.all([
				store.advance(9, 12, rows10to12),
				store.advance(9, 12, rows10to12),
				store.advance(9, 12, rows10to12)
			]);
			expect(answers).toEqual([12, 12, 12]);
			expect(await store.scores('a')).toEqual(new Map([['x', 16]]));
			// Rows that move no board still move the sequence.
			expect(await store.advance(12, 13, [])).toBe(13);
			// A range from further on waits for the rows before it: nothing applied, the true sequence returned.
			expect(await store.advance(20, 21, rows10to12)).toBe(13);
			expect(await store.scores('a')).toEqual(new Map([['x', 16]]));
			await expect(store.advance(13, 14, [{ key: 'a', subjectId: 'x', delta: 0.5, seq: 1 }])).rejects.toThrow(TypeError);
			expect(await store.sequence()).toBe(13);
			await expect(store.advance(13, 12, [])).rejects.toThrow(RangeError);
		});

		it('scores returns every score of a board', async () => {
			await seedBoard();
			expect(await store.scores('b')).toEqual(
				new Map([
					['a', 50],
					['b', 30],
					['c', 30],
					['d', 10]
				])
			);
		});

		it('pages with offset', async () => {
			await seedBoard();
			expect(await store.top('b', 2, 2)).toEqual([
				{ subjectId: 'b', score: 30, rank: 2, seq: 3 },
				{ subjectId: 'd', score: 10, rank: 4, seq: 4 }
			]);
			expect(names(await store.top('b', 2, 1))).toEqual(['c', 'b']);
			expect(names(await store.top('b', 1, 2))).toEqual(['b']);
			expect(await store.top('b', 2, 4)).toEqual([]);
			expect(await store.top('b', 0)).toEqual([]);
		});

		it('matches a brute-force reference over 2,000 random changes', async () => {
			const random = prng(20240601);
			const keys = ['k0', 'k1', 'k2', 'k3', 'k4'];
			const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
			const reference = new Reference();
			let applied = 0;
			let seq = 0;
			while (applied < 2000) {
				// Batches of several ledger entries per call; an entry may touch several boards with one seq.
				const batch: Change[] = [];
				const entries = 1 + Math.floor(random() * 8);
				for (let e = 0; e < entries && applied < 2000; e++) {
					seq++;
					const subjectId = `s${Math.floor(random() * 300)}`;
					// Small deltas around 0 produce many ties and many reversals to exactly 0.
					const delta = pick([-3, -2, -1, 1, 1, 2, 2, 3, 5]);
					for (const key of new Set([pick(keys), pick(keys)])) {
						if (applied >= 2000) break;
						batch.push({ key, subjectId, delta, seq });
						applied++;
					}
				}
				reference.apply(batch);
				await store.apply(batch);
			}
			expect(await store.keys()).toEqual([...reference.boards.keys()].sort());
			for (const key of keys) {
				const expected = reference.list(key);
				expect(expected.length).toBeGreaterThan(50);
				expect(await store.top(key, 300)).toEqual(expected);
				expect(await store.size(key)).toBe(expected.length);
				expect(await store.top(key, 7, 13)).toEqual(expected.slice(13, 20));
				expect(await store.scores(key)).toEqual(new Map(expected.map((row) => [row.subjectId, row.score])));
				for (let i = 0; i < 10; i++) {
					const position = Math.floor(random() * expected.length);
					const subject = expected[position]!;
					expect(await store.row(key, subject.subjectId)).toEqual(subject);
					expect(await store.around(key, subject.subjectId, 3)).toEqual(expected.slice(Math.max(0, position - 3), position + 4));
				}
			}
		});
	});
});

describe.skipIf(!redisUp)('a Redis rebuild', () => {
	let client: Redis;
	const prefix = `tienphong-test-rebuild-${process.pid}-${crypto.randomUUID()}`;
	beforeAll(() => {
		client = new Redis(REDIS_URL);
	});
	afterAll(async () => {
		await deletePrefix(`${prefix}:`);
		await client.quit();
	});

	it('is staged in pieces and swapped in whole: boards of thousands of rows arrive complete, permanent, with nothing staged left', async () => {
		const store = new RedisLeaderboardStore(client, prefix);
		await store.apply([{ key: 'old', subjectId: 'x', delta: 1, seq: 1 }]);
		// A board the key set does not know (an older layout, a manual edit) goes too.
		await client.zadd(`${prefix}:lb:stray`, 1, 'z');
		// More members than one command takes and more boards than one pipeline holds.
		const boards = new Map(
			Array.from({ length: 150 }, (_, b) => [
				`board${b}`,
				new Map(Array.from({ length: b === 0 ? 2_500 : 3 }, (_, i) => [`s${i}`, { subjectId: `s${i}`, score: i + 1, seq: i }]))
			])
		);
		await store.replaceAll(boards, 7);
		expect(await store.keys()).toEqual([...boards.keys()].sort());
		expect(await store.size('board0')).toBe(2_500);
		expect((await store.top('board0', 1))[0]).toMatchObject({ subjectId: 's2499', score: 2_500, rank: 1 });
		expect(await store.top('old', 1)).toEqual([]);
		expect(await client.keys(`${prefix}:stage:*`)).toEqual([]);
		expect(await client.exists(`${prefix}:lb:stray`)).toBe(0);
		expect(await client.ttl(`${prefix}:lb:board0`)).toBe(-1);
		expect(await client.ttl(`${prefix}:seq:board149`)).toBe(-1);
	});

	it('changes nothing when its staged boards are gone (Redis restarted between staging and the swap)', async () => {
		const store = new RedisLeaderboardStore(client, `${prefix}:lost`);
		await store.replaceAll(new Map([['a', new Map([['x', { subjectId: 'x', score: 10, seq: 1 }]])]]), 7);
		// What a Redis restarting empty does to a rebuild under way: its staged boards vanish before the swap.
		const staging = store as unknown as { stage: (...args: unknown[]) => Promise<string[]> };
		const stage = staging.stage.bind(store);
		staging.stage = async (...args) => {
			const staged = await stage(...args);
			await client.del(...(await client.keys(`${prefix}:lost:stage:*`)));
			return staged;
		};
		const next = new Map([['b', new Map([['y', { subjectId: 'y', score: 5, seq: 2 }]])]]);
		await expect(store.replaceAll(next, 9)).rejects.toThrow('nothing was swapped');
		// Neither cleared nor moved to a sequence whose boards are missing: following the ledger from 7 stays right.
		expect(await store.sequence()).toBe(7);
		expect(await store.keys()).toEqual(['a']);
		expect(await store.top('a', 5)).toMatchObject([{ subjectId: 'x', score: 10, rank: 1 }]);
	});
});
