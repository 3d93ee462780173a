import { afterLoad } from './after-load';

type LiveModule = typeof import('./live.svelte');

/**
 * Starts what follows the live link once the page has loaded: the link's module (and socket.io's client with it)
 * comes after the page, which is current when served. `start` returns how to stop; so does this.
 */
export function withLiveLink(start: (link: LiveModule) => () => void): () => void {
	let stop: (() => void) | null = null;
	let stopped = false;
	afterLoad(() => {
		void import('./live.svelte').then((link) => {
			if (!stopped) stop = start(link);
		});
	});
	return () => {
		stopped = true;
		stop?.();
	};
}
