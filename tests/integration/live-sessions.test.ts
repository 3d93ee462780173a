import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../helpers/server';
import { within } from '../helpers/wait';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

async function signIn(username: string): Promise<string> {
	const res = await fetch(`${server.url}/dang-nhap`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ identifier: username, password: 'tienphong', next: '/' })
	});
	const cookie = res.headers.get('set-cookie');
	if (!cookie) throw new Error(`no session for ${username}: ${res.status}`);
	return cookie.split(';')[0]!;
}

function openSocket(cookie: string | null): Promise<{ socket: Socket; signedIn: boolean }> {
	return new Promise((ok, fail) => {
		const socket = connect(server.url, {
			transports: ['websocket'],
			extraHeaders: { origin: server.url, ...(cookie ? { cookie } : {}) },
			reconnection: false,
			timeout: 5000
		});
		socket.once('app:hello', (hello: { signedIn: boolean }) => ok({ socket, signedIn: hello.signedIn }));
		socket.once('connect_error', fail);
	});
}

describe('live sockets follow sessions', () => {
	it('logging out closes the sockets of that session at once, not those of other sessions', async () => {
		const phone = await signIn('doanvien');
		const laptop = await signIn('doanvien');
		const a = await openSocket(phone);
		const b = await openSocket(laptop);
		expect(a.signedIn).toBe(true);
		const dropped = within(5000, 'the logout drops the phone’s socket', new Promise<string>((ok) => a.socket.once('disconnect', ok)));
		const started = performance.now();
		const logout = await fetch(`${server.url}/dang-xuat`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, cookie: phone },
			body: ''
		});
		expect(logout.status).toBe(303);
		expect(await dropped).toBe('io server disconnect');
		expect(performance.now() - started).toBeLessThan(5000);
		expect(b.socket.connected).toBe(true);
		// The same cookie no longer identifies anyone.
		const again = await openSocket(phone);
		expect(again.signedIn).toBe(false);
		for (const s of [b.socket, again.socket]) s.close();
	});

	it('a socket flooding the server with events is dropped; a well-behaved one stays', async () => {
		const flooder = await openSocket(null);
		const calm = await openSocket(null);
		const dropped = within(5000, 'the flooding socket is dropped', new Promise<string>((ok) => flooder.socket.once('disconnect', ok)));
		for (let i = 0; i < 200; i++) flooder.socket.emit('room:join', 'feed', null, () => {});
		expect(await dropped).toBe('io server disconnect');
		const joined = await within(
			5000,
			'the calm socket’s join is answered',
			new Promise((ok) => calm.socket.emit('room:join', 'feed', null, ok))
		);
		expect(joined).toEqual({ ok: true });
		calm.socket.close();
	});
});
