import type { Server as HttpServer } from 'node:http';
import { getRuntime } from '../runtime';
import { prepareRuntime } from '../startup';
import { attachRealtime } from './server';

/** Called by the Vite dev plugin (vite.config.ts) with Vite's own HTTP server. */
export async function attachToDevServer(httpServer: HttpServer): Promise<void> {
	const started = await prepareRuntime();
	attachRealtime(httpServer, getRuntime());
	if (started.setupToken) console.log(`  Thiết lập lần đầu (dùng một lần): <địa chỉ máy chủ dev>/thiet-lap/${started.setupToken}`);
}
