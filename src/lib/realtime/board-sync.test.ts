import { describe, expect, it } from 'vitest';
import { adoptSnapshot, applyCatchUp, applyDelta, boardDigest, decodeDelta, deltaBetween as between, encodeDelta } from './board-sync';
import type { BoardDelta, BoardSnapshot, DeltaRow, LiveRow } from './contract';

const row = (id: number, score: number, rank: number): LiveRow => ({ id, name: `N${id}`, detail: null, score, rank });
const snapshot = (version: number, rows: LiveRow[], size = rows.length): BoardSnapshot => ({
	key: '1|member|1|Y2026',
	version,
	size,
	rows,
	digest: boardDigest(rows, size)
});
const deltaBetween = (from: BoardSnapshot, to: BoardSnapshot): BoardDelta => between(from, to, 0, 0);

describe('live board deltas', () => {
	const v1 = snapshot(10, [row(1, 50, 1), row(2, 40, 2), row(3, 30, 3)]);
	const v2 = snapshot(12, [row(3, 60, 1), row(1, 50, 2), row(2, 40, 3)]);

	it('a delta carries the rows whose score changed (id and score), not those that only moved', () => {
		expect(deltaBetween(v1, v2).rows).toEqual([[3, 60]]);
		const v3 = snapshot(13, [row(3, 61, 1), row(1, 50, 2), row(2, 40, 3)]);
		expect(deltaBetween(v2, v3).rows).toEqual([[3, 61]]);
	});

	it('a row entering the top comes whole, with its name; a renamed one with its new name', () => {
		const v3 = snapshot(13, [row(3, 60, 1), row(1, 50, 2), { ...row(2, 40, 3), name: 'Chi đoàn mới' }, row(7, 35, 4)], 4);
		expect(deltaBetween(v2, v3).rows).toEqual([
			[2, 40, 'Chi đoàn mới', null],
			[7, 35, 'N7', null]
		]);
		expect(applyDelta(v2, deltaBetween(v2, v3))).toEqual({ kind: 'applied', board: v3 });
	});

	it('travels by position and arrives as it left: changed scores as one flat list, entering rows whole', () => {
		const v3 = snapshot(13, [row(3, 70, 1), row(1, 55, 2), row(7, 45, 3), row(2, 40, 4)], 4);
		const delta = between(v2, v3, 1_764_900_000_000, 1_764_900_000_130);
		const wire = encodeDelta(delta);
		expect(wire).toEqual([v3.key, 12, 13, 4, [3, 70, 1, 55], [[7, 45, 'N7', null]], [], v3.digest, 1_764_900_000_000, 130]);
		expect(decodeDelta(JSON.parse(JSON.stringify(wire)))).toEqual({
			...delta,
			rows: [
				[3, 70],
				[1, 55],
				[7, 45, 'N7', null]
			]
		});
		expect(applyDelta(v2, decodeDelta(wire))).toEqual({ kind: 'applied', board: v3 });
	});

	it('a score for a row the client never held, without its name, asks for a snapshot', () => {
		const d = { ...deltaBetween(v1, v2), rows: [[9, 99] as DeltaRow] };
		expect(applyDelta(v1, d)).toEqual({ kind: 'resync' });
	});

	it('one approval on a full board of fifty costs a phone about a hundred bytes, not the rows it passed', () => {
		// A member jumps from 40th to 3rd on the members' board of the province: 37 rows move down one place.
		const rows = Array.from({ length: 50 }, (_, i) => ({
			...row(30_000 + i, 3000 - i * 10, i + 1),
			name: `Đoàn viên ${i}`,
			detail: 'Chi đoàn bản Ta Ma'
		}));
		const before = { ...snapshot(999_000, rows), key: '12|member|3|Y2026' };
		const jumper = { ...rows[39]!, score: 2985 };
		const after = {
			...before,
			...snapshot(
				999_008,
				[...rows.filter((r) => r.id !== jumper.id), jumper]
					.sort((a, b) => b.score - a.score || a.id - b.id)
					.map((r, i) => ({ ...r, rank: i + 1 }))
			),
			key: before.key
		};
		const delta = { ...deltaBetween(before, after), changedAt: 1_764_900_000_000, sentAt: 1_764_900_000_120 };
		expect(applyDelta(before, delta)).toEqual({ kind: 'applied', board: after });
		expect(delta.rows).toEqual([[jumper.id, 2985]]);
		// As sent: the event's name and the delta by position, about a third of it the stamps.
		expect(Buffer.byteLength(JSON.stringify(['board:delta', encodeDelta(delta)]))).toBeLessThanOrEqual(120);
	});

	it('applying the delta to the base reproduces the server board exactly', () => {
		const outcome = applyDelta(v1, deltaBetween(v1, v2));
		expect(outcome).toEqual({ kind: 'applied', board: v2 });
	});

	it('rows that fell out of the top are removed and ties keep the published order', () => {
		const before = snapshot(5, [row(4, 10, 1), row(5, 9, 2)], 2);
		const after = snapshot(6, [row(4, 10, 1), row(6, 10, 1)], 3);
		const d = deltaBetween(before, after);
		expect(d.removed).toEqual([5]);
		const outcome = applyDelta(before, d);
		expect(outcome.kind).toBe('applied');
		// Equal scores share rank 1; the tie order puts the earlier-registered subject (id 4) first.
		if (outcome.kind === 'applied') expect(outcome.board.rows.map((r) => r.id)).toEqual([4, 6]);
	});

	it('a delta from another base (missed push, other server) asks for a snapshot instead of guessing', () => {
		const v3 = snapshot(15, [row(3, 70, 1), row(1, 50, 2), row(2, 40, 3)]);
		expect(applyDelta(v1, deltaBetween(v2, v3))).toEqual({ kind: 'resync' });
	});

	it('a delta whose result does not match its digest asks for a snapshot', () => {
		const d = { ...deltaBetween(v1, v2), digest: 'not-it' };
		expect(applyDelta(v1, d)).toEqual({ kind: 'resync' });
	});

	it('an older delta or one the client already holds is ignored', () => {
		expect(applyDelta(v2, deltaBetween(v1, v2))).toEqual({ kind: 'ignored' });
		expect(applyDelta(v2, { ...deltaBetween(v1, snapshot(9, v1.rows)), version: 9 })).toEqual({ kind: 'ignored' });
	});

	it('the same version with a different board (snapshot read before the boards moved) is repaired by the delta, or resyncs', () => {
		const stale = snapshot(12, v1.rows);
		expect(applyDelta(stale, deltaBetween(v1, v2))).toEqual({ kind: 'applied', board: v2 });
		// A row the delta knows nothing about (it was never on the server's board at 10 or 12).
		const otherwise = snapshot(12, [row(1, 50, 1), row(2, 40, 2), row(4, 35, 3), row(3, 30, 4)]);
		expect(applyDelta(otherwise, deltaBetween(v1, v2))).toEqual({ kind: 'resync' });
	});

	it('a board fetched between two ticks follows the next delta, whose base is older than the board', () => {
		// Page snapshot at 11: only subject 3's first approval had landed; the tick at 12 moved 3 again.
		const between = snapshot(11, [row(3, 55, 1), row(1, 50, 2), row(2, 40, 3)]);
		expect(applyDelta(between, deltaBetween(v1, v2))).toEqual({ kind: 'applied', board: v2 });
		// One that does not add up to the delta's digest still asks for a snapshot.
		const wrong = snapshot(11, [row(3, 55, 1), row(1, 50, 2), row(4, 45, 3), row(2, 40, 4)]);
		expect(applyDelta(wrong, deltaBetween(v1, v2))).toEqual({ kind: 'resync' });
	});

	it('a rejoin’s answer brings the board held up to date: a delta after a short drop, else the board itself', () => {
		expect(applyCatchUp(v1, { kind: 'delta', delta: deltaBetween(v1, v2) })).toEqual({ kind: 'applied', board: v2 });
		expect(applyCatchUp(v1, { kind: 'snapshot', board: v2 })).toEqual({ kind: 'applied', board: v2 });
		// Nothing to catch up on, or a board older than the one held (the page was read between two ticks).
		expect(applyCatchUp(v2, undefined)).toEqual({ kind: 'ignored' });
		expect(applyCatchUp(v2, { kind: 'snapshot', board: v1 })).toEqual({ kind: 'ignored' });
	});

	it('a snapshot replaces the board only when it is newer, or the same version read differently', () => {
		expect(adoptSnapshot(v2, v1)).toEqual({ kind: 'ignored' });
		expect(adoptSnapshot(v2, v2)).toEqual({ kind: 'ignored' });
		const reread = snapshot(12, v1.rows);
		expect(adoptSnapshot(v2, reread)).toEqual({ kind: 'applied', board: reread });
		expect(adoptSnapshot(v1, { ...v2, key: 'other' })).toEqual({ kind: 'ignored' });
	});
});
