import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { rowCounts } from '../helpers/db';

/**
 * The production server on an empty database without the demo: it prints a one-time set-up link; the link's
 * form creates the root unit and the first province admin and signs them in; then the link is dead, and the
 * admin's pages show an empty state instead of crashing while there is no campaign yet.
 */
const databasePath = tempDbPath();
let server: RunningServer;
let firstToken: string;

const LINK = /(http:\/\/\S+)\/thiet-lap\/([a-z2-9]{24})/;
const linkIn = (output: string) => {
	const found = LINK.exec(output);
	if (!found) throw new Error(`no set-up link in the start-up lines:\n${output}`);
	return { base: found[1]!, token: found[2]! };
};

beforeAll(async () => {
	// A first start prints a link; a second start while set-up is still needed prints a new one.
	const first = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: 'false' });
	firstToken = linkIn(first.output()).token;
	await first.stop();
	server = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: 'false' });
}, 200_000);
afterAll(async () => {
	await server?.stop();
});

const counted = () => {
	const db = new Database(databasePath, { readonly: true });
	try {
		const all = rowCounts(db);
		return { units: all.units, people: all.people, memberships: all.memberships, roles: all.role_assignments, sessions: all.sessions };
	} finally {
		db.close();
	}
};

const GOOD = {
	unitName: 'Tỉnh đoàn Điện Biên',
	unitShortName: 'Tỉnh đoàn',
	level: 'province',
	fullName: 'Lò Thị Thiết',
	username: 'vanphong',
	phone: '0912 345 678',
	password: 'mây trắng bay qua đèo',
	confirm: 'mây trắng bay qua đèo'
};

/** A field left out of the post altogether. */
const OMIT = '\u0000omit';

function post(path: string, fields: Record<string, string>, cookie = '') {
	const sent = Object.entries(fields).filter(([, v]) => v !== OMIT);
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: server.url,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(sent).toString(),
		redirect: 'manual'
	});
}
const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: { accept: 'text/html', cookie }, redirect: 'manual' });

describe('first run on an empty database without the demo', () => {
	let token: string;
	let cookie: string;

	it('prints a set-up link with the server’s address, a new one on each start', () => {
		const link = linkIn(server.output());
		token = link.token;
		expect(link.base).toBe(`http://localhost:${server.port}`);
		expect(token).not.toBe(firstToken);
		expect(server.output()).not.toContain('Tài khoản mẫu');
	});

	it('answers 404 to a wrong token, to the previous start’s token and to anything not shaped like one', async () => {
		for (const wrong of [firstToken, 'a'.repeat(24), token.slice(0, 23), `${token}x`, '..%2f..%2fetc']) {
			const res = await get(`/thiet-lap/${wrong}`);
			expect(res.status, wrong).toBe(404);
			await res.body?.cancel();
		}
		const res = await post(`/thiet-lap/${firstToken}`, GOOD);
		expect(res.status).toBe(404);
		await res.body?.cancel();
		expect(counted()).toMatchObject({ units: 0, people: 0 });
	});

	it('shows the form in Vietnamese, uncached and with a strict referrer policy', async () => {
		const res = await get(`/thiet-lap/${token}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('referrer-policy')).toBe('strict-origin');
		const html = await res.text();
		expect(html).toContain('Thiết lập lần đầu');
		expect(html).toContain('Quản trị viên cấp tỉnh đầu tiên');
		expect(html).toMatch(/<option value="province" selected/);
	});

	const HOSTILE: Array<[string, Record<string, string>, string]> = [
		['an empty unit name', { unitName: '   ' }, 'Vui lòng nhập Tên đơn vị.'],
		['an overlong unit name', { unitName: 'Đ'.repeat(121) }, 'Tên đơn vị quá dài (tối đa 120 ký tự).'],
		['an overlong full name', { fullName: 'A'.repeat(81) }, 'Họ và tên quá dài (tối đa 80 ký tự).'],
		['markup in the full name', { fullName: '<script>alert(1)</script>' }, 'Họ và tên không được chứa ký tự &lt; hoặc >.'],
		['markup in the unit name', { unitName: '<img src=x onerror=alert(1)>' }, 'Tên đơn vị không được chứa ký tự &lt; hoặc >.'],
		['a weak password', { password: 'tienphong1', confirm: 'tienphong1' }, 'Mật khẩu này quá dễ đoán.'],
		['a short password', { password: 'ngan', confirm: 'ngan' }, 'Mật khẩu cần ít nhất 8 ký tự.'],
		['a password holding the username', { password: 'vanphong2026!', confirm: 'vanphong2026!' }, 'Mật khẩu không được chứa tên đăng nhập'],
		['two different passwords', { confirm: 'mây trắng bay qua núi' }, 'Hai mật khẩu không khớp.'],
		['a username shaped like a phone number', { username: '0912345678' }, 'Tên đăng nhập cần 3-40 ký tự'],
		['a username with spaces', { username: 'van phong' }, 'Tên đăng nhập cần 3-40 ký tự'],
		['a bad phone number', { phone: '12345' }, 'Số điện thoại không hợp lệ'],
		['an unknown level', { level: 'galaxy' }, 'Cấp đơn vị không hợp lệ.'],
		['a control character in a name', { unitName: 'Tỉnh\u0000đoàn' }, 'Tên đơn vị chứa ký tự không hợp lệ.'],
		['a missing field', { unitName: OMIT }, 'Vui lòng nhập Tên đơn vị.']
	];
	for (const [what, change, message] of HOSTILE) {
		it(`refuses ${what} with a Vietnamese message and creates nothing`, async () => {
			const before = counted();
			const res = await post(`/thiet-lap/${token}`, { ...GOOD, ...change });
			expect(res.status).toBe(400);
			const html = await res.text();
			expect(html).toContain(message);
			// What was typed comes back escaped, never as markup; passwords never come back.
			expect(html).not.toContain('<script>alert(1)</script>');
			expect(html).not.toContain('<img src=x');
			expect(html).not.toContain('mây trắng bay');
			expect(counted()).toEqual(before);
		});
	}

	it('creates the root unit and the first province admin, signs them in and lands on /quan-tri', async () => {
		expect(counted()).toMatchObject({ units: 0, people: 0, memberships: 0, roles: 0, sessions: 0 });
		const res = await post(`/thiet-lap/${token}`, GOOD);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/quan-tri?da-thiet-lap=1');
		const session = res.headers.getSetCookie().find((c) => c.startsWith('tp_session='));
		expect(session).toBeDefined();
		cookie = session!.split(';')[0]!;
		expect(counted()).toEqual({ units: 1, people: 1, memberships: 1, roles: 1, sessions: 1 });
		const db = new Database(databasePath, { readonly: true });
		try {
			const root = db.prepare('select name, short_name, level, parent_id, path, depth from units').get();
			expect(root).toEqual({ name: GOOD.unitName, short_name: 'Tỉnh đoàn', level: 'province', parent_id: null, path: '/1/', depth: 0 });
			const admin = db
				.prepare(
					`select p.username, p.phone, p.display_name, r.role, r.unit_id, m.left_on from people p
					 join role_assignments r on r.person_id = p.id join memberships m on m.person_id = p.id`
				)
				.get();
			expect(admin).toEqual({
				username: 'vanphong',
				phone: '0912345678',
				display_name: 'Lò T. T.',
				role: 'province_admin',
				unit_id: 1,
				left_on: null
			});
			const meta = JSON.parse((db.prepare(`select value from app_meta where key = 'setup_link'`).get() as { value: string }).value);
			expect(meta.hash).toMatch(/^[0-9a-f]{64}$/);
			expect(meta.hash).not.toContain(token);
			expect(meta.usedAt).toEqual(expect.any(Number));
			const audit = db.prepare(`select action, actor_id from audit_log where action = 'system.first_run'`).all();
			expect(audit).toEqual([{ action: 'system.first_run', actor_id: 1 }]);
		} finally {
			db.close();
		}
		const admin = await get('/quan-tri?da-thiet-lap=1', cookie);
		expect(admin.status).toBe(200);
		const html = await admin.text();
		expect(html).toContain('Đã thiết lập xong.');
		expect(html).toContain('Chưa có phong trào: hãy nhập tệp phong trào.');
		expect(html).toContain('href="/quan-tri/phong-trao/nhap"');
	});

	it('serves every admin, member and public page without a campaign: no crash, a Vietnamese empty state', async () => {
		const pages = [
			'/',
			'/bang-xep-hang',
			'/toi',
			'/don-vi',
			'/sang-kien',
			'/doi-hinh',
			'/huy-hieu',
			'/cach-tinh-diem',
			'/trinh-chieu',
			'/tai-khoan',
			'/quan-tri',
			'/quan-tri/don-vi',
			'/quan-tri/don-vi/1',
			'/quan-tri/tai-khoan',
			'/quan-tri/tai-khoan/1',
			'/quan-tri/nhat-ky',
			'/quan-tri/hoi-dong',
			'/quan-tri/loai-hoat-dong',
			'/quan-tri/the-le',
			'/quan-tri/huy-hieu',
			'/quan-tri/ky-thi-dua',
			'/sang-kien/moi'
		];
		for (const path of pages) {
			const res = await get(path, cookie);
			const html = await res.text();
			expect(res.status, `${path}: ${html.slice(0, 300)}`).toBeLessThan(500);
			expect(res.status, path).not.toBe(403);
			if (res.status === 404) expect(html, path).toContain('Chưa có phong trào: hãy nhập tệp phong trào.');
			if (['/', '/bang-xep-hang', '/toi', '/quan-tri'].includes(path)) expect(html, path).toContain('data-testid="no-campaign"');
		}
	});

	it('lets the new admin sign in with the chosen username and password', async () => {
		const res = await post('/dang-nhap', { identifier: 'VanPhong', password: GOOD.password, next: '/quan-tri' });
		expect(res.status).toBe(303);
		expect(res.headers.getSetCookie().some((c) => c.startsWith('tp_session='))).toBe(true);
	});

	it('then refuses the link: a clear Vietnamese page, and a second use creates nothing', async () => {
		const page = await get(`/thiet-lap/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Đường dẫn không còn hiệu lực');
		expect(html).not.toContain('data-testid="setup-form"');
		const before = counted();
		const again = await post(`/thiet-lap/${token}`, { ...GOOD, username: 'nguoikhac', phone: '' });
		expect(again.status).toBe(410);
		expect(await again.text()).toContain('Đường dẫn thiết lập này đã được dùng');
		expect(counted()).toEqual(before);
	});

	it('prints no set-up link once an admin exists', async () => {
		await server.stop();
		server = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: 'false' });
		expect(server.output()).not.toContain('/thiet-lap/');
		const res = await get(`/thiet-lap/${token}`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Đường dẫn không còn hiệu lực');
	}, 120_000);
});
