/** What /api/health says about scheduled backups (types only: the runtime's types import it). */
export type BackupState = 'off' | 'waiting' | 'ok' | 'failed';

export interface BackupStatus {
	state: BackupState;
	/** When the last good backup's copy was taken (ms since the epoch), this run or an earlier one. */
	lastOkAt: number | null;
}
