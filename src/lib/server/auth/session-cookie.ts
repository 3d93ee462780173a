/** "__Host-" binds the cookie to this exact origin over HTTPS; plain HTTP (local dev) cannot use the prefix. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-tp_session' : 'tp_session';
}

/** The pending sign-in between the password and the second factor. */
export function challengeCookieName(secure: boolean): string {
	return secure ? '__Host-tp_signin' : 'tp_signin';
}
