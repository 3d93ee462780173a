import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { healthReport } from '$lib/server/http/health';

/** For load balancers, uptime checks, the CI smoke test and benchmarks. `?reset=1` starts a new event-loop window. */
export const GET: RequestHandler = ({ url }) => {
	const report = healthReport(url.searchParams.get('reset') === '1');
	return json(report, { status: report.database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
