import cluster from 'node:cluster';

/**
 * This process is one of the cluster's workers (WORKERS > 1, cluster/primary.ts). node:cluster hands each new
 * connection to the next worker, so a Socket.IO session's long-polling requests could reach a worker that does not
 * hold it: sockets then speak WebSocket only, and pages say so to the browser (LIVE_TRANSPORT_ATTRIBUTE).
 */
export const isClusterWorker = cluster.isWorker;

/** Set on a page's <html> when its socket must use WebSocket only (read by client/live.svelte.ts). */
export const WEBSOCKET_ONLY_MARK = ' data-live-transport="websocket"';
