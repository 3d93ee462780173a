/**
 * QR check-in codes rotate: each is good for the minute it was shown and the next one, so a code photographed
 * and sent around stops working almost at once, while someone scanning as it turns over still gets in.
 */
export const CHECK_IN_WINDOW_MS = 60_000;

export function checkInWindow(now: number): number {
	return Math.floor(now / CHECK_IN_WINDOW_MS);
}

/** Whether a code of `window` may still be used at `now`. */
export function isFreshWindow(window: number, now: number): boolean {
	const current = checkInWindow(now);
	return window === current || window === current - 1;
}

/** Check-in runs on the days of the event (Vietnam days, as the work records them), not before nor after. */
export function checkInOpenOn(event: { startedOn: string; endedOn: string }, today: string): boolean {
	return event.startedOn <= today && today <= event.endedOn;
}
