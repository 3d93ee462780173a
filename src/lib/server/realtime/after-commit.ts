import type { Db } from '../db/client';
import type { AppContext } from '../context';
import type { LivePublisher } from './types';
import type { LedgerEntry } from '../scoring/ledger';
import { syncBoards } from '../scoring/projection';
import { type BadgeChange, activeDefinitions } from '../scoring/badges';
import { subjectNames } from '../scoring/boards';
import { getInitiative, livePhotos, photosArePublic } from '../initiatives/queries';
import { getUnit } from '../units/queries';
import { idsOnPath } from '../../domain/units/tree';
import type { Transition } from '../../domain/initiatives/workflow';

/**
 * After a commit that wrote ledger rows, and only then: bring the boards up to the ledger (these rows and
 * any others not yet on them) and tell whoever watches. If the board update fails the ledger is still
 * right: the boards' sequence lags it, and the next update or the periodic check applies what is missing.
 * Pushes are best effort.
 */
export async function ledgerCommitted(ctx: Pick<AppContext, 'db' | 'boards' | 'live' | 'now'>, entries: LedgerEntry[]): Promise<void> {
	if (entries.length > 0) await catchUpBoards(ctx);
}

/**
 * Brings the boards up to the ledger and the periods, and tells whoever watches: after ledger rows, and after a
 * period closed or reopened (the store then holds other periods: syncBoards rebuilds it now rather than at the
 * next periodic check, so a reopened period's boards are not missing meanwhile).
 */
export async function catchUpBoards(ctx: Pick<AppContext, 'db' | 'boards' | 'live' | 'now'>): Promise<void> {
	try {
		announceBoards(ctx.live, await syncBoards(ctx.db, ctx.boards), ctx.now);
	} catch (err) {
		console.error('[boards] update failed', err);
	}
}

/** Boards moved: by these keys, or any of them after a rebuild. */
export function announceBoards(live: LivePublisher | null, synced: { keys: string[]; rebuilt: boolean }, changedAt?: number): void {
	if (!live) return;
	if (synced.rebuilt) live.boardsRebuilt();
	else live.boardsChanged(synced.keys, changedAt);
}

/** A workflow step committed: boards, review queues above the unit, the public ticker and badge news. */
export async function stepCommitted(
	ctx: Pick<AppContext, 'db' | 'boards' | 'live' | 'now'>,
	step: { initiativeId: number; transition: Transition; ledger: LedgerEntry[]; badges: BadgeChange[]; notified: number[] }
): Promise<void> {
	const { db, live, now: changedAt } = ctx;
	await ledgerCommitted(ctx, step.ledger);
	if (!live) return;
	const initiative = getInitiative(db, step.initiativeId);
	const unit = initiative ? getUnit(db, initiative.unitId) : undefined;
	if (!initiative || !unit) return;
	live.unitsChanged(idsOnPath(unit.path));
	live.noticed(step.notified);
	// Badges first: tickers show the newest on top, and the story is the headline.
	announceBadges(db, live, step.badges, changedAt);
	if (step.transition === 'approve') {
		const photo = photosArePublic(initiative) ? livePhotos(db, initiative.id)[0] : undefined;
		live.feed({
			kind: 'approved',
			initiativeId: initiative.id,
			title: initiative.title,
			unitName: unit.name,
			photo: photo ? `/anh/${photo.id}/nho` : null,
			at: changedAt
		});
	}
}

function announceBadges(db: Db, live: LivePublisher, changes: BadgeChange[], at: number): void {
	const awarded = changes.filter((c) => c.change === 'awarded');
	if (awarded.length === 0) return;
	const definitions = new Map(activeDefinitions(db).map((d) => [d.code, d]));
	for (const change of awarded) {
		const def = definitions.get(change.badgeCode);
		if (!def) continue;
		const holder = subjectNames(db, change.subjectType, [change.subjectId]).get(change.subjectId)?.name;
		if (holder) live.feed({ kind: 'badge', badgeName: def.name, icon: def.icon, level: change.level, holder, at });
		if (change.subjectType === 'member') {
			live.badgeEarned(change.subjectId, {
				code: def.code,
				name: def.name,
				icon: def.icon,
				level: change.level,
				howToEarn: def.howToEarn,
				periodCode: change.periodCode
			});
		}
	}
}
