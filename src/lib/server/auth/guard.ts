import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Actor, type Resource } from '../../domain/permissions';
import { t } from '../../i18n';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { getRuntime } from '../runtime';

/**
 * The one door every load, action and endpoint passes through to be allowed something.
 * hooks.server.ts only identifies the person; decisions come from domain/permissions.ts.
 */
export function serviceContext(event: Pick<RequestEvent, 'locals'>): ServiceContext {
	return {
		db: getRuntime().db,
		actor: event.locals.actor,
		now: Date.now(),
		ipHash: event.locals.ipHash,
		requestId: event.locals.requestId
	};
}

/** Signed in, or off to the login page (and back here afterwards). */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	if (!event.locals.actor) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/dang-nhap?next=${encodeURIComponent(next)}`);
	}
	return event.locals.actor;
}

/** Refuses with 403 (and an audit row saying so) unless the actor may do `action` on `resource`. */
export function authorize(ctx: ServiceContext, action: Action, resource: Resource = { kind: 'none' }): void {
	if (can(ctx.actor, action, resource)) return;
	recordAudit(ctx.db, ctx, {
		action: 'authz_fail',
		targetType: resource.kind,
		targetId: targetIdOf(resource),
		after: { attempted: action }
	});
	error(403, t('error.403'));
}

function targetIdOf(resource: Resource): number | null {
	switch (resource.kind) {
		case 'unit':
		case 'move':
		case 'merge':
		case 'grant':
			return resource.unit.id;
		default:
			return null;
	}
}
