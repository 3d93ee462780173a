import type { Cookies } from '@sveltejs/kit';

/** "__Host-" binds the cookie to this exact origin over HTTPS; plain HTTP (local dev) cannot use the prefix. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-tp_session' : 'tp_session';
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number, secure: boolean): void {
	cookies.set(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure,
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}
