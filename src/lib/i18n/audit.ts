import { hasMessage, t } from './index';

/** What an audit row records, as the verb phrase of a sentence ("xác nhận sáng kiến"), never its code. */
export function auditPhrase(action: string): string {
	const key = `audit.do.${action}`;
	return hasMessage(key) ? t(key) : t('audit.do.unknown', { action });
}
