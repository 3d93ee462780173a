import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { personDetail } from '$lib/server/people/queries';
import { invalidateOtherSessions, listSessions } from '$lib/server/auth/sessions';
import { changePassword } from '$lib/server/auth/change-password';
import { secondFactorStatus } from '$lib/server/auth/second-factor';
import { recordAudit } from '$lib/server/audit';
import { t } from '$lib/i18n';
import { deviceLabel } from '$lib/format';
import { retryAfter } from '$lib/server/http/navigation';
import { setEmailNotices } from '$lib/server/notifications/notices';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const detail = personDetail(ctx.db, actor.personId)!;
	const current = event.locals.session!.id;
	return {
		person: {
			fullName: detail.person.fullName,
			displayName: detail.person.displayName,
			username: detail.person.username,
			phone: detail.person.phone,
			email: detail.person.email,
			emailNotices: detail.person.emailNotices
		},
		roles: detail.roles.map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitName })),
		memberships: detail.memberships
			.filter((m) => m.leftOn === null)
			.map((m) => ({ unitId: m.unitId, unitName: m.unitName, joinedOn: m.joinedOn })),
		sessions: listSessions(ctx.db, actor.personId).map((s) => ({
			current: s.id === current,
			createdAt: s.createdAt,
			lastSeenAt: s.lastSeenAt,
			device: deviceLabel(s.userAgent)
		})),
		justSetPassword: event.url.searchParams.has('da-dat-mat-khau'),
		secondFactor: (({ available, enrolled }) => ({ available, enrolled }))(secondFactorStatus(ctx))
	};
};

export const actions: Actions = {
	notices: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		setEmailNotices(serviceContext(event), actor.personId, form.get('email') === 'on');
		return { noticesSaved: t('notice.emailSaved') };
	},
	changePassword: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const result = await changePassword(serviceContext(event), event.locals.session!.id, {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (!result.ok) {
			if (result.reason === 'throttled')
				return fail(429, { passwordError: t('account.throttled', { wait: retryAfter(event, result.waitMs) }) });
			if (result.reason === 'busy') return fail(429, { passwordError: t('auth.busy', { wait: retryAfter(event, result.retryAfterMs) }) });
			const message =
				result.reason === 'wrong_current'
					? t('account.wrongCurrent')
					: result.reason === 'mismatch'
						? t('auth.setPassword.mismatch')
						: t(`password.${result.reason}`);
			return fail(400, { passwordError: message });
		}
		return { passwordChanged: true };
	},
	signOutOthers: (event) => {
		const actor = requireActor(event);
		const ctx = serviceContext(event);
		invalidateOtherSessions(ctx.db, actor.personId, event.locals.session!.id);
		recordAudit(ctx.db, ctx, { action: 'authn_sessions_revoked', targetType: 'person', targetId: actor.personId });
		return { othersSignedOut: true };
	}
};
