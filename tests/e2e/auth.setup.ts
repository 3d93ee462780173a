import { expect, test as setup } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_ROLES, statePath } from './helpers';

/**
 * Signs each demo role in once per server and keeps its cookies for the specs (`as(role)` in fixtures.ts), so
 * the specs do not sign in through the form test after test. Signing in itself, through the form, is tested
 * in auth.spec.ts (and without JavaScript in no-javascript.spec.ts).
 *
 * Specs share these sessions, so none of them may end one: logging out, changing a demo password, "sign out
 * other devices" or failed logins that throttle a demo account use a session of their own (a UI login) or an
 * account of their own.
 */
for (const role of DEMO_ROLES) {
	setup(`${role} signs in once for this server`, async ({ request, baseURL }) => {
		// The login form's own POST, as the browser sends it without JavaScript (a 303 with the session cookie).
		const signedIn = await request.post('/dang-nhap', {
			form: { identifier: role, password: DEMO_PASSWORD, next: '/tai-khoan' },
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signedIn.status(), await signedIn.text()).toBe(303);
		expect(signedIn.headers()['location']).toBe('/tai-khoan');
		// The session works: the account page answers instead of sending back to the login page.
		const account = await request.get('/tai-khoan', { maxRedirects: 0 });
		expect(account.status()).toBe(200);
		await request.storageState({ path: statePath(baseURL, role) });
	});
}
