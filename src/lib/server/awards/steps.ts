import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { nominationSteps, units } from '../db/schema';

type Step = (typeof nominationSteps.$inferInsert)['step'];

/** One step of a proposal's way, by the unit that took it (inside the caller's transaction). */
export function recordStep(db: Db, nominationId: number, step: Step, unitId: number, at: number, note: string | null = null): void {
	db.insert(nominationSteps).values({ nominationId, step, unitId, at, note }).run();
}

/** A proposal's way from its proposal to its award (or its end), oldest first, each step with its unit's name. */
export function timelineOf(db: Db, nominationId: number) {
	return db
		.select({ at: nominationSteps.at, step: nominationSteps.step, unitName: units.name, note: nominationSteps.note })
		.from(nominationSteps)
		.innerJoin(units, eq(units.id, nominationSteps.unitId))
		.where(eq(nominationSteps.nominationId, nominationId))
		.orderBy(asc(nominationSteps.at), asc(nominationSteps.id))
		.all();
}
