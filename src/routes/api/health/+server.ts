import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { healthReport, mayResetHealthWindow } from '$lib/server/http/health';
import { t } from '$lib/i18n';

/**
 * For load balancers, uptime checks, the CI smoke test and benchmarks. `?reset=1` starts a new event-loop
 * window, for monitoring with the HEALTH_TOKEN (header `x-health-token`) or a signed-in province admin.
 * 503 when this process cannot serve its purpose: the database does not answer, the disk takes no writes, or
 * it is stopping (a load balancer should send new work elsewhere).
 */
export const GET: RequestHandler = async (event) => {
	const reset = event.url.searchParams.get('reset') === '1';
	if (reset && !mayResetHealthWindow(event)) error(403, t('error.403'));
	const report = await healthReport(reset);
	const serving = report.database === 'ok' && report.disk === 'ok' && report.status !== 'stopping';
	return json(report, { status: serving ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
