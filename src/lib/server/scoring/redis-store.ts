import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BoardsMovedOn, type BoardChange, type BoardRow, type Boards, type LeaderboardStore } from './store';

/**
 * Applies every change of one call atomically, in order, in one round trip.
 * KEYS[1] is the set of board keys, KEYS[2] the boards' ledger sequence; KEYS[2b+1], KEYS[2b+2] are board b's
 * sorted set and seq hash. ARGV[1] is the sequence the boards must stand at ('' to apply regardless),
 * ARGV[2] the sequence they reach, ARGV[3] the number of boards, ARGV[4..b+3] their keys, then one
 * (board, subjectId, delta, seq) per change.
 *
 * With a sequence to stand at, nothing is applied unless the stored sequence is exactly that one, and the
 * reply is the stored sequence (-1 when there is none: the boards must be rebuilt). The check, the changes
 * and the new sequence are one script, so two processes catching up at once cannot both apply a row.
 *
 * A subject that reaches exactly 0 leaves the board and a board that empties leaves the key set, so a
 * reversal restores everything the award touched (see MemoryLeaderboardStore for the rule).
 */
export const APPLY_SCRIPT = `
local conditional = ARGV[1] ~= ''
if conditional then
	local at = redis.call('GET', KEYS[2])
	if not at then return -1 end
	if tonumber(at) ~= tonumber(ARGV[1]) then return tonumber(at) end
end
local boards = tonumber(ARGV[3])
for i = boards + 4, #ARGV, 4 do
	local b = tonumber(ARGV[i])
	local board = KEYS[2 * b + 1]
	local seqs = KEYS[2 * b + 2]
	local member = ARGV[i + 1]
	local score = tonumber(redis.call('ZINCRBY', board, ARGV[i + 2], member))
	if score == 0 then
		redis.call('ZREM', board, member)
		redis.call('HDEL', seqs, member)
		if redis.call('EXISTS', board) == 0 then redis.call('SREM', KEYS[1], ARGV[3 + b]) end
	else
		redis.call('HSET', seqs, member, ARGV[i + 3])
		redis.call('SADD', KEYS[1], ARGV[3 + b])
	end
end
if conditional then
	redis.call('SET', KEYS[2], ARGV[2])
	return tonumber(ARGV[2])
end
return 0
`;

/**
 * Returns whole tie groups around a window so the caller can order ties by seq, which Redis cannot (equal
 * scores are ordered by member). KEYS: board sorted set, seq hash.
 * ARGV 'range', start, stop: the window is list positions start..stop (stop -1 = to the end).
 * ARGV 'around', radius, member: the window is the member's tie group widened by radius on both sides.
 * Reply: {above, members, scores, seqs}; `above` counts the members scored higher than the first returned,
 * i.e. its 0-based list position. An empty reply means the member is not on the board.
 */
export const WINDOW_SCRIPT = `
local start, stop
if ARGV[1] == 'around' then
	local score = redis.call('ZSCORE', KEYS[1], ARGV[3])
	if not score then return {} end
	local radius = tonumber(ARGV[2])
	local above = redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf')
	local ties = redis.call('ZCOUNT', KEYS[1], score, score)
	start = math.max(0, above - radius)
	stop = above + ties - 1 + radius
else
	start = tonumber(ARGV[2])
	stop = tonumber(ARGV[3])
end
local edge = redis.call('ZREVRANGE', KEYS[1], start, stop, 'WITHSCORES')
if #edge == 0 then return {0, {}, {}, {}} end
local high = edge[2]
local low = edge[#edge]
local above = redis.call('ZCOUNT', KEYS[1], '(' .. high, '+inf')
local band = redis.call('ZREVRANGEBYSCORE', KEYS[1], high, low, 'WITHSCORES')
local members, scores, seqs = {}, {}, {}
for i = 1, #band, 2 do
	members[#members + 1] = band[i]
	scores[#scores + 1] = band[i + 1]
	-- One HGET per member: HMGET would need unpack, which fails beyond a few thousand members.
	seqs[#seqs + 1] = redis.call('HGET', KEYS[2], band[i]) or '0'
end
return {above, members, scores, seqs}
`;

/** Score, competition rank and seq of one member, in one atomic read. KEYS: board, seq hash; ARGV: member. */
export const ROW_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return false end
local above = redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf')
return {score, above + 1, redis.call('HGET', KEYS[2], ARGV[1]) or '0'}
`;

/** Members per ZADD/HSET command in replaceAll: large enough to amortise, small enough not to build huge commands. */
const BATCH = 1000;
/** Commands per pipeline while a rebuild is staged: what the client holds at once. */
const PIPELINE_COMMANDS = 200;
/** Staged boards of a process that died before swapping them in disappear after this. */
const STAGE_TTL_S = 3600;

/**
 * Swaps staged boards in, all or nothing: if any staged board is missing (Redis restarted between staging and the
 * swap, losing them) it returns -1 and changes nothing. Otherwise it deletes the stray board keys given, clears the
 * live boards in the key set, renames each staged sorted set and seq hash to the live name and makes it permanent
 * (RENAME keeps the staging TTL), and sets the sequence — which so never stands over boards that are not there.
 * With ARGV[6] '1' (`unlessNewer`) it returns -2 - the live sequence, after deleting what was staged, when the live boards
 * already stand past this sequence.
 * KEYS[1] the key set, KEYS[2] the sequence; ARGV: staged board prefix, staged seq prefix, live board prefix, live seq
 * prefix, sequence, unlessNewer ('1' or '0'), the number of boards N, the N board keys, then the stray keys.
 */
export const SWAP_SCRIPT = `
local last = 7 + tonumber(ARGV[7])
if ARGV[6] == '1' then
	local at = redis.call('GET', KEYS[2])
	if at and tonumber(at) > tonumber(ARGV[5]) then
		for i = 8, last do redis.call('DEL', ARGV[1] .. ARGV[i], ARGV[2] .. ARGV[i]) end
		return -2 - tonumber(at)
	end
end
for i = 8, last do
	if redis.call('EXISTS', ARGV[1] .. ARGV[i]) == 0 or redis.call('EXISTS', ARGV[2] .. ARGV[i]) == 0 then return -1 end
end
for i = last + 1, #ARGV do
	redis.call('DEL', ARGV[i])
end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
	redis.call('DEL', ARGV[3] .. key, ARGV[4] .. key)
end
redis.call('DEL', KEYS[1])
for i = 8, last do
	local key = ARGV[i]
	redis.call('RENAME', ARGV[1] .. key, ARGV[3] .. key)
	redis.call('PERSIST', ARGV[3] .. key)
	redis.call('RENAME', ARGV[2] .. key, ARGV[4] .. key)
	redis.call('PERSIST', ARGV[4] .. key)
	redis.call('SADD', KEYS[1], key)
end
redis.call('SET', KEYS[2], ARGV[5])
return 0
`;

interface Row {
	subjectId: string;
	score: number;
	seq: number;
}

function compareRows(a: Row, b: Row): number {
	if (a.score !== b.score) return b.score - a.score;
	if (a.seq !== b.seq) return a.seq - b.seq;
	return a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0;
}

function assertInteger(value: number, what: string): void {
	if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be a safe integer, got ${value}`);
}

/** SCAN MATCH treats these as glob syntax; a prefix containing them must still match only itself. */
function escapeGlob(text: string): string {
	return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Leaderboards as Redis sorted sets, shared by every app process: `${prefix}:lb:${key}` (score = points),
 * `${prefix}:seq:${key}` (subjectId → seq of its last change), `${prefix}:keys` (the board keys) and
 * `${prefix}:sequence` (the ledger sequence the boards reflect, written only with them); a rebuild writes under
 * `${prefix}:stage:<id>:` first.
 *
 * Same rules as MemoryLeaderboardStore (the contract suite runs against both): boards hold only subjects
 * with non-zero points and ties are listed by seq asc, then subjectId asc.
 */
export class RedisLeaderboardStore implements LeaderboardStore {
	private readonly keySet: string;
	private readonly boardPrefix: string;
	private readonly seqPrefix: string;
	private readonly sequenceKey: string;
	private readonly stagePrefix: string;

	constructor(
		private readonly redis: Redis,
		prefix: string
	) {
		this.keySet = `${prefix}:keys`;
		this.sequenceKey = `${prefix}:sequence`;
		this.boardPrefix = `${prefix}:lb:`;
		this.seqPrefix = `${prefix}:seq:`;
		this.stagePrefix = `${prefix}:stage:`;
	}

	async apply(changes: BoardChange[]): Promise<void> {
		if (changes.length === 0) return;
		await this.run('', 0, changes);
	}

	async sequence(): Promise<number | null> {
		const value = await this.redis.get(this.sequenceKey);
		return value === null ? null : Number(value);
	}

	async advance(from: number, to: number, changes: BoardChange[]): Promise<number | null> {
		assertInteger(from, 'from');
		assertInteger(to, 'to');
		if (to < from) throw new RangeError(`advance from ${from} to ${to}`);
		const reply = Number(await this.run(from, to, changes));
		return reply < 0 ? null : reply;
	}

	private run(from: number | '', to: number, changes: BoardChange[]): Promise<unknown> {
		const boards = new Map<string, number>();
		const changeArgs: Array<string | number> = [];
		for (const { key, subjectId, delta, seq } of changes) {
			assertInteger(delta, 'delta');
			assertInteger(seq, 'seq');
			let b = boards.get(key);
			if (b === undefined) boards.set(key, (b = boards.size + 1));
			changeArgs.push(b, subjectId, delta, seq);
		}
		const keys = [this.keySet, this.sequenceKey];
		for (const key of boards.keys()) keys.push(this.boardPrefix + key, this.seqPrefix + key);
		return this.script(APPLY_SCRIPT, keys, [from, to, boards.size, ...boards.keys(), ...changeArgs]);
	}

	async top(key: string, limit: number, offset = 0): Promise<BoardRow[]> {
		if (!(limit > 0)) return [];
		const start = Math.max(0, Math.floor(offset));
		const stop = Number.isFinite(limit) ? start + Math.floor(limit) - 1 : -1;
		const window = await this.window(key, ['range', start, stop]);
		if (!window) return [];
		const first = start - window.above;
		return window.rows.slice(first, stop < 0 ? undefined : first + stop - start + 1);
	}

	async row(key: string, subjectId: string): Promise<BoardRow | null> {
		const reply = (await this.script(ROW_SCRIPT, this.boardKeys(key), [subjectId])) as [string, number, string] | null;
		if (!reply) return null;
		return { subjectId, score: Number(reply[0]), rank: reply[1], seq: Number(reply[2]) };
	}

	async around(key: string, subjectId: string, radius: number): Promise<BoardRow[]> {
		const r = Math.max(0, Math.floor(radius));
		const window = await this.window(key, ['around', r, subjectId]);
		const index = window ? window.rows.findIndex((row) => row.subjectId === subjectId) : -1;
		if (!window || index < 0) return [];
		return window.rows.slice(Math.max(0, index - r), index + r + 1);
	}

	async size(key: string): Promise<number> {
		return this.redis.zcard(this.boardPrefix + key);
	}

	async keys(): Promise<string[]> {
		return (await this.redis.smembers(this.keySet)).sort();
	}

	async scores(key: string): Promise<Map<string, number>> {
		const flat = await this.redis.zrange(this.boardPrefix + key, 0, -1, 'WITHSCORES');
		const result = new Map<string, number>();
		for (let i = 0; i < flat.length; i += 2) result.set(flat[i]!, Number(flat[i + 1]));
		return result;
	}

	/**
	 * The boards are written first under staging keys, in pipelines of bounded size (they expire if the process dies
	 * half way), then swapped in by one script (SWAP_SCRIPT): readers and concurrent applies see the old boards or the
	 * new ones, never a mix, and a swap that cannot be whole changes nothing. Sending the boards themselves in one
	 * transaction, as at first, held the whole rebuild in the client at once (2.3 GB for a realistic 1,000,000-row
	 * ledger) and kept Redis busy for the whole of it.
	 */
	async replaceAll(boards: Boards, sequence: number, options: { unlessNewer?: boolean } = {}): Promise<void> {
		assertInteger(sequence, 'sequence');
		for (const subjects of boards.values()) {
			for (const { score, seq } of subjects.values()) {
				assertInteger(score, 'score');
				assertInteger(seq, 'seq');
			}
		}
		// Board keys the key set does not know (from an older layout or a manual edit) would survive the clear of the
		// swap; only this store's own key families are matched, never the rest of a shared prefix.
		const known = new Set(await this.redis.smembers(this.keySet));
		const strays: string[] = [];
		for (const family of [this.boardPrefix, this.seqPrefix]) {
			const match = `${escapeGlob(family)}*`;
			let cursor = '0';
			do {
				const [next, found] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', BATCH);
				for (const key of found) if (!known.has(key.slice(family.length))) strays.push(key);
				cursor = next;
			} while (cursor !== '0');
		}
		const staging = `${this.stagePrefix}${randomBytes(6).toString('hex')}:`;
		const staged = await this.stage(boards, `${staging}lb:`, `${staging}seq:`);
		// One script, so that nothing is deleted unless everything can be swapped in; EVAL, not EVALSHA (a script Redis
		// forgot in a restart runs all the same). The keys are joined on, not spread: tens of thousands of arguments would
		// overflow the stack.
		const swap: Array<string | number> = [
			SWAP_SCRIPT,
			2,
			this.keySet,
			this.sequenceKey,
			`${staging}lb:`,
			`${staging}seq:`,
			this.boardPrefix,
			this.seqPrefix,
			sequence,
			options.unlessNewer ? '1' : '0',
			staged.length
		];
		const reply = Number(await this.redis.call('eval', swap.concat(staged, strays)));
		if (reply <= -2) throw new BoardsMovedOn(-2 - reply);
		if (reply < 0) throw new Error('replaceAll: the staged boards are gone (Redis restarted?): nothing was swapped');
	}

	/** Writes boards under staging prefixes, a bounded pipeline at a time; returns the keys of the boards written. */
	private async stage(boards: Boards, boardPrefix: string, seqPrefix: string): Promise<string[]> {
		const written: string[] = [];
		let pipeline = this.redis.pipeline();
		let queued = 0;
		const send = async () => {
			const results = await pipeline.exec();
			const failed = results?.find(([err]) => err);
			if (failed) throw failed[0];
			pipeline = this.redis.pipeline();
			queued = 0;
		};
		for (const [key, subjects] of boards) {
			let zadd: Array<string | number> = [];
			let hset: Array<string | number> = [];
			const flush = () => {
				if (zadd.length === 0) return;
				pipeline.call('zadd', [boardPrefix + key, ...zadd]);
				pipeline.call('hset', [seqPrefix + key, ...hset]);
				queued += 2;
				zadd = [];
				hset = [];
			};
			let any = false;
			for (const [subjectId, { score, seq }] of subjects) {
				// Same rule as apply: a 0-point subject (awarded, then revoked) has no row.
				if (score === 0) continue;
				any = true;
				zadd.push(score, subjectId);
				hset.push(subjectId, seq);
				if (zadd.length >= 2 * BATCH) flush();
			}
			flush();
			if (any) {
				written.push(key);
				pipeline.expire(boardPrefix + key, STAGE_TTL_S);
				pipeline.expire(seqPrefix + key, STAGE_TTL_S);
				queued += 2;
			}
			if (queued >= PIPELINE_COMMANDS) await send();
		}
		if (queued > 0) await send();
		return written;
	}

	/** The Redis client is shared and owned by the caller, which quits it; closing the store must not cut it off. */
	async close(): Promise<void> {}

	private boardKeys(key: string): [string, string] {
		return [this.boardPrefix + key, this.seqPrefix + key];
	}

	private async window(key: string, args: Array<string | number>): Promise<{ above: number; rows: BoardRow[] } | null> {
		const reply = (await this.script(WINDOW_SCRIPT, this.boardKeys(key), args)) as [] | [number, string[], string[], string[]];
		if (reply.length === 0) return null;
		const [above, members, scores, seqs] = reply;
		const rows: BoardRow[] = members
			.map((subjectId, i) => ({ subjectId, score: Number(scores[i]), seq: Number(seqs[i]), rank: 0 }))
			.sort(compareRows);
		for (let i = 0; i < rows.length; i++) {
			const previous = rows[i - 1];
			rows[i]!.rank = previous && previous.score === rows[i]!.score ? previous.rank : above + i + 1;
		}
		return { above, rows };
	}

	/**
	 * EVALSHA with a fallback to EVAL when Redis does not know the script yet (first use, restart, SCRIPT
	 * FLUSH): one round trip in the steady state. Not ioredis' defineCommand, which would add methods to the
	 * caller's client. `call` with an argument array avoids spreading a huge apply into function arguments.
	 */
	private async script(source: string, keys: string[], args: Array<string | number>): Promise<unknown> {
		const sha = scriptSha(source);
		try {
			return await this.redis.call('evalsha', [sha, keys.length, ...keys, ...args]);
		} catch (err) {
			if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
			return this.redis.call('eval', [source, keys.length, ...keys, ...args]);
		}
	}
}

const shas = new Map<string, string>();

function scriptSha(source: string): string {
	let sha = shas.get(source);
	if (!sha) shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
	return sha;
}
