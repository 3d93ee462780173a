import type { Db } from '../db/client';
import type { LeaderboardStore } from '../scoring/store';
import { subjectNames } from '../scoring/boards';
import { offersBoardSubject } from '../scoring/subjects';
import { prepared } from '../db/prepared';
import { ledgerSequence } from '../scoring/ledger';
import { parseBoardKey } from '../../domain/scoring/boards';
import { boardDigest, LIVE_ROWS } from '../../realtime/board-sync';
import type { BoardSnapshot } from '../../realtime/contract';

const boardParts = (db: Db) =>
	db.$client.prepare<[number, number, string, number, string], { unit: number; period: number; area: number }>(
		`select (select count(*) from units where id = ?) as unit,
		        (select count(*) from periods where campaign_id = ? and code = ?) as period,
		        (select count(*) from content_areas where campaign_id = ? and code = ?) as area`
	);

/**
 * A board key someone may watch: a subject kind the campaign's boards offer, an existing unit, period and
 * (optional) content area. Runs on every room:join, so both checks are statements prepared once.
 */
export function isWatchableBoard(db: Db, key: string): boolean {
	if (key.length > 80) return false;
	const spec = parseBoardKey(key);
	if (!spec || !offersBoardSubject(db, spec.campaignId, spec.subjectType)) return false;
	const known = prepared(db, boardParts).get(spec.scopeUnitId, spec.campaignId, spec.periodCode, spec.campaignId, spec.area ?? '')!;
	return known.unit === 1 && known.period > 0 && (spec.area === null || known.area > 0);
}

/** The top of a board with public names, at the ledger sequence read before the board was. */
export async function liveSnapshot(db: Db, store: LeaderboardStore, key: string): Promise<BoardSnapshot> {
	const version = ledgerSequence(db);
	const spec = parseBoardKey(key)!;
	const [top, size] = await Promise.all([store.top(key, LIVE_ROWS), store.size(key)]);
	const names = subjectNames(
		db,
		spec.subjectType,
		top.map((r) => Number(r.subjectId))
	);
	const rows = top.map((r) => {
		const id = Number(r.subjectId);
		return { id, name: names.get(id)?.name ?? `#${id}`, detail: names.get(id)?.detail ?? null, score: r.score, rank: r.rank };
	});
	return { key, version, size, rows, digest: boardDigest(rows, size) };
}
