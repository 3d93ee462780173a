/**
 * Marks the page live once every component has hydrated: styles (and tests) can tell a working page from
 * server-rendered HTML still waiting for its scripts on a slow connection.
 *
 * Text fields are bound (`bind:value`) rather than set with `value={…}`: Svelte's first hydration writes a
 * set value back into its input and would wipe what someone typed before the scripts arrived, whereas a
 * binding reads the typed value from the DOM.
 */
export function markHydrated(): void {
	document.documentElement.dataset.hydrated = 'true';
}
