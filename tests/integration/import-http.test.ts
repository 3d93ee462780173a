/**
 * The spreadsheet import over HTTP against the production server: uploads are refused by size and by role
 * before their bodies are read, and a real file goes through preview and confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { people, units } from '../../src/lib/server/db/schema';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { fetchRetryingReset, signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';
import { rowCounts } from '../helpers/db';
import { MB, postStreamedMultipart } from '../helpers/streamed-post';

let server: RunningServer;
let databasePath: string;
let branchCode: string;
const ACTION = '/quan-tri/nhap-du-lieu?/preview';

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	branchCode = db.select({ code: units.code }).from(units).where(eq(units.name, 'Chi đoàn bản Ta Ma')).get()!.code!;
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
});
afterAll(async () => {
	await server?.stop();
});

/** Posts the import form with one file part of `fileBytes`, stopping when the server answers. */
const postFile = (path: string, cookie: string, fileBytes: number) =>
	postStreamedMultipart(server.url, path, cookie, {}, { name: 'file', filename: 'lon.csv', contentType: 'text/csv' }, fileBytes);

async function action(path: string, cookie: string, body: FormData) {
	const res = await fetchRetryingReset(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.url, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body
	});
	return { status: res.status, body: (await res.json()) as { type: string; status: number; data: string } };
}

/** An action's answer as SvelteKit sends it (devalue's flat array: values refer to each other by index). */
function revive(data: string): unknown {
	const flat = JSON.parse(data) as unknown[];
	const at = (i: number): unknown => {
		if (i < 0) return undefined;
		const v = flat[i];
		if (Array.isArray(v)) return v.map((j: number) => at(j));
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, j]) => [k, at(j as number)]));
		return v;
	};
	return at(0);
}

describe('import over HTTP', () => {
	it('the template lists the admin’s units with their codes, and importing it untouched changes nothing', async () => {
		const admin = await signIn(server.url, 'tuangiao');
		const res = await fetch(`${server.url}/quan-tri/nhap-du-lieu/mau/mau-nhap-du-lieu.xlsx`, { headers: { cookie: admin } });
		expect(res.status).toBe(200);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 3, 4]);
		const form = new FormData();
		form.append('file', new File([bytes], 'mau-nhap-du-lieu.xlsx'));
		const preview = await action(ACTION, admin, form);
		const shown = revive(preview.body.data) as { preview: { importId: null; errors: string[]; counts: Record<string, number> } };
		expect(shown.preview.errors).toEqual([]);
		expect(shown.preview.importId).toBeNull();
		expect(shown.preview.counts.unitsUnchanged).toBeGreaterThan(5);
		expect(shown.preview.counts.unitsCreate).toBe(0);
	});

	it('50 MB is refused at once, from anyone, before the body is read', async () => {
		const member = await signIn(server.url, 'doanvien');
		const answer = await postFile(ACTION, member, 50 * MB);
		expect(answer.status).toBe(413);
		expect(answer.sentBeforeAnswer).toBeLessThan(50 * MB);
		const admin = await signIn(server.url, 'tinhdoan');
		const adminAnswer = await postFile(ACTION, admin, 50 * MB);
		expect(adminAnswer.status).toBe(413);
		expect(adminAnswer.sentBeforeAnswer).toBeLessThan(50 * MB);
	});

	it('a member posting a file within the size limit is refused before it is read', async () => {
		const member = await signIn(server.url, 'doanvien');
		const answer = await postFile(ACTION, member, 9 * MB);
		expect(answer.status).toBe(403);
		expect(answer.sentBeforeAnswer).toBeLessThan(9 * MB);
	});

	it('an admin’s CSV goes through preview and confirmation; the same file again changes nothing', async () => {
		const admin = await signIn(server.url, 'tama');
		const csv = `\ufeffHọ và tên;Số điện thoại;Mã đơn vị;Ngày vào\r\nLò Thị Xuân;0915 111 222;${branchCode};02/09/2025\r\nQuàng Văn Pó;+84915111333;${branchCode};\r\n`;
		const form = () => {
			const f = new FormData();
			f.append('file', new File([csv], 'doan-vien.csv', { type: 'text/csv' }));
			return f;
		};
		const preview = await action(ACTION, admin, form());
		expect(preview.status).toBe(200);
		expect(preview.body.data).toContain('Lò Thị Xuân');
		const shown = revive(preview.body.data) as { preview: { importId: string; counts: Record<string, number> } };
		expect(shown.preview.counts).toMatchObject({ peopleCreate: 2, peopleUpdate: 0 });
		const importId = shown.preview.importId;
		expect(importId).toMatch(/^[a-z0-9]{24}$/);
		const confirm = new FormData();
		confirm.append('importId', importId);
		const done = await action('/quan-tri/nhap-du-lieu?/confirm', admin, confirm);
		expect(done.body.type).toBe('success');
		const links = await fetchRetryingReset(`${server.url}/quan-tri/nhap-du-lieu/lien-ket`, {
			method: 'POST',
			headers: { origin: server.url, cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ importId }).toString()
		});
		expect(links.headers.get('content-disposition')).toMatch(/attachment/);
		const linkLines = (await links.text()).split('\r\n').filter((l) => l.includes('/dat-mat-khau/'));
		expect(linkLines).toHaveLength(2);
		const db = openDatabase(databasePath);
		try {
			expect(db.select().from(people).where(eq(people.phone, '0915111222')).get()).toMatchObject({
				fullName: 'Lò Thị Xuân',
				passwordHash: null
			});
			const before = rowCounts(db);
			const again = await action(ACTION, admin, form());
			expect(revive(again.body.data)).toMatchObject({ preview: { importId: null, counts: { peopleCreate: 0, peopleUnchanged: 2 } } });
			expect(rowCounts(db)).toEqual(before);
		} finally {
			db.$client.close();
		}
	});
});
