/**
 * What an author changed between a return and the resubmission, read from the two workflow events'
 * snapshots (service.ts takeStep), so the verifier sees what to look at again. Events recorded before a
 * field was kept in snapshots say nothing about that field.
 */
export interface WorkSnapshot {
	title?: string;
	startedOn?: string;
	endedOn?: string;
	measures?: Array<{ measureId: number; value: number; reported?: number }>;
	participantIds?: number[];
	photoCount?: number;
	storyDigest?: string;
}

export type WorkChange =
	| { kind: 'title'; from: string; to: string }
	| { kind: 'dates'; from: [string, string]; to: [string, string] }
	| { kind: 'measure'; measureId: number; from: number | null; to: number | null }
	| { kind: 'photos'; from: number; to: number }
	| { kind: 'participants'; from: number; to: number }
	| { kind: 'story' };

const reported = (s: WorkSnapshot) => new Map((s.measures ?? []).map((m) => [m.measureId, m.reported ?? m.value]));

export function changesSince(before: WorkSnapshot, after: WorkSnapshot): WorkChange[] {
	const changes: WorkChange[] = [];
	if (before.title !== undefined && after.title !== undefined && before.title !== after.title)
		changes.push({ kind: 'title', from: before.title, to: after.title });
	if (before.startedOn && before.endedOn && after.startedOn && after.endedOn)
		if (before.startedOn !== after.startedOn || before.endedOn !== after.endedOn)
			changes.push({ kind: 'dates', from: [before.startedOn, before.endedOn], to: [after.startedOn, after.endedOn] });
	if (before.measures && after.measures) {
		const was = reported(before);
		const now = reported(after);
		for (const id of new Set([...was.keys(), ...now.keys()])) {
			const from = was.get(id) ?? null;
			const to = now.get(id) ?? null;
			if (from !== to) changes.push({ kind: 'measure', measureId: id, from, to });
		}
	}
	if (before.photoCount !== undefined && after.photoCount !== undefined && before.photoCount !== after.photoCount)
		changes.push({ kind: 'photos', from: before.photoCount, to: after.photoCount });
	if (before.participantIds && after.participantIds) {
		const was = new Set(before.participantIds);
		const same = was.size === after.participantIds.length && after.participantIds.every((id) => was.has(id));
		if (!same) changes.push({ kind: 'participants', from: before.participantIds.length, to: after.participantIds.length });
	}
	if (before.storyDigest && after.storyDigest && before.storyDigest !== after.storyDigest) changes.push({ kind: 'story' });
	return changes;
}
