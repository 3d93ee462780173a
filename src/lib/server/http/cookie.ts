import type { Cookies } from '@sveltejs/kit';
import { challengeCookieName, sessionCookieName } from '../auth/session-cookie';

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

export function setChallengeCookie(cookies: Cookies, token: string, expiresAt: number, secure: boolean): void {
	cookies.set(challengeCookieName(secure), token, { httpOnly: true, sameSite: 'strict', path: '/', secure, expires: new Date(expiresAt) });
}

export function readChallengeCookie(cookies: Cookies, secure: boolean): string | null {
	return cookies.get(challengeCookieName(secure)) ?? null;
}

export function clearChallengeCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(challengeCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'strict' });
}
