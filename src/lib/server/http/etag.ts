/** Whether a client's `If-None-Match` already names this version (weak comparison, as for GET; `*` names any). */
export function isFresh(ifNoneMatch: string | null | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}
