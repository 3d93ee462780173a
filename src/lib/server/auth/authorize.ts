import { can, type Action, type Resource } from '../../domain/permissions';
import type { MessageKey } from '../../i18n';
import { recordAudit } from '../audit';
import type { Refusal, ServiceContext } from '../context';

/** A refusal outside HTTP (commands, tests): nothing was done. */
export class AccessDenied extends Error {
	constructor(readonly refusal: Refusal) {
		super(`access denied: ${refusal}`);
	}
}

export function refuse(ctx: ServiceContext, refusal: Refusal, message?: MessageKey): never {
	if (ctx.deny) ctx.deny(refusal, message);
	throw new AccessDenied(refusal);
}

/**
 * The one check every service and route runs before acting: decisions come from domain/permissions.ts, a
 * refusal is audited and ends the request.
 */
export function authorize(ctx: ServiceContext, action: Action, resource: Resource = { kind: 'none' }): void {
	if (can(ctx.actor, action, resource)) return;
	recordAudit(ctx.db, ctx, {
		action: 'authz_fail',
		targetType: resource.kind,
		targetId: targetIdOf(resource),
		after: { attempted: action }
	});
	refuse(ctx, 'forbidden');
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
