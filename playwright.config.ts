import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built production
 * server (build/server.js, the bundled server.ts), one fresh server and database per viewport so the two runs cannot disturb each other.
 */
process.env.E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'tienphong-e2e-'));
const runDir = process.env.E2E_RUN_DIR;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ports = { desktop: Number(process.env.E2E_PORT ?? 4310), phone: Number(process.env.E2E_PORT ?? 4310) + 1 };

const server = (name: keyof typeof ports) => ({
	command: 'node build/server.js',
	url: `http://127.0.0.1:${ports[name]}/api/health`,
	reuseExistingServer: false,
	timeout: 60_000,
	stdout: 'ignore' as const,
	stderr: 'pipe' as const,
	// One process whatever the shell says: the specs route long-polling, which a cluster does not speak.
	env: { PORT: String(ports[name]), HOST: '127.0.0.1', DATABASE_PATH: join(runDir, `${name}.db`), WORKERS: '1' }
});

const desktop = { baseURL: `http://127.0.0.1:${ports.desktop}`, viewport: { width: 1280, height: 800 } };
const phone = {
	baseURL: `http://127.0.0.1:${ports.phone}`,
	viewport: { width: 360, height: 740 },
	isMobile: true,
	hasTouch: true,
	deviceScaleFactor: 2,
	userAgent: 'Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: [['list']],
	timeout: 30_000,
	expect: { timeout: 5_000 },
	use: {
		browserName: 'chromium',
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: { mode: 'retain-on-failure', screenshots: false },
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-dev-shm-usage'
			]
		}
	},
	projects: [
		// Each demo role signs in once per server; specs open its pages from the saved cookies (fixtures.ts).
		{ name: 'setup-desktop', testMatch: /auth\.setup\.ts/, use: desktop },
		{ name: 'setup-phone', testMatch: /auth\.setup\.ts/, use: phone },
		{
			name: 'desktop',
			// The second factor is enrolled and used on a phone (360×740).
			testIgnore: [/offline\.spec\.ts/, /live\.spec\.ts/, /second-factor\.spec\.ts/],
			dependencies: ['setup-desktop'],
			use: desktop
		},
		{
			name: 'phone',
			// The showcase is made for a projector (1920×1080, 1280×720); phones have /bang-xep-hang.
			testIgnore: [/live\.spec\.ts/, /showcase\.spec\.ts/],
			dependencies: ['setup-phone'],
			use: phone
		},
		// The live tests earn badges for demo accounts other specs act as; a celebration popping up on
		// their pages mid-test would get in their way, so these run once the rest of each server's tests are done.
		{ name: 'desktop-live', testMatch: /live\.spec\.ts/, dependencies: ['desktop'], use: desktop },
		{ name: 'phone-live', testMatch: /live\.spec\.ts/, dependencies: ['phone'], use: phone }
	],
	webServer: [server('desktop'), server('phone')]
});
