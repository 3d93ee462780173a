/**
 * Runs `run` once the page has loaded (at once if it has): for script the first screen does not need, so a phone
 * on a weak signal shows the page before fetching it.
 */
export function afterLoad(run: () => void): void {
	if (document.readyState === 'complete') run();
	else window.addEventListener('load', run, { once: true });
}
