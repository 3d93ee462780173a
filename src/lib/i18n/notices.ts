import { t } from './index';
import type { NoticeKind } from '../domain/notifications/notices';

/** A notice as one sentence (with its reason when the decision gave one). */
export function noticeText(notice: { kind: NoticeKind; subject: string; reason: string | null }): string {
	const what = t(`notice.${notice.kind}`, { subject: notice.subject });
	return notice.reason ? `${what} ${t('notice.reason', { reason: notice.reason })}` : what;
}
