import { t } from './index';
import type { DueState } from '../domain/reports/rules';

/** A report's standing against its deadline in words: on the pages (ReportState) and in the reminders e-mail. */
export function dueStateText(state: DueState): string {
	if (state.kind === 'submitted') return state.onTime ? t('report.state.onTime') : t('report.state.lateSubmitted');
	return state.kind === 'late' ? t('report.state.late', { days: state.days }) : t('report.state.due', { days: state.days });
}
