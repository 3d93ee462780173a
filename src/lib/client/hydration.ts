/**
 * On a slow phone the server-rendered form is usable seconds before JavaScript arrives, and people type.
 * Svelte's first hydration writes every `value={...}` back into its input, wiping what they typed.
 * `keepTyped(v)` yields nothing during that first hydration (the server already rendered `v`) and `v`
 * afterwards, so later renders and updates still set the value.
 */
let hydrated = false;

export function markHydrated(): void {
	hydrated = true;
	// Lets styles (and tests) tell a live page from server-rendered HTML that is still waiting for scripts.
	document.documentElement.dataset.hydrated = 'true';
}

export function keepTyped<T>(value: T): T | undefined {
	const onServer = typeof window === 'undefined';
	return hydrated || onServer ? value : undefined;
}
