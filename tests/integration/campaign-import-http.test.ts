/**
 * The campaign import page over HTTP on the production server: refused for a member before the upload is
 * read; for the province admin, a preview that writes nothing, then the import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../../src/lib/server/seed/demo';
import { campaigns, units } from '../../src/lib/server/db/schema';
import { ROOT, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { fetchRetryingReset, signIn } from '../helpers/live';
import { NOW } from '../helpers/clock';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';

const TA_MA = readFileSync(join(ROOT, 'campaigns/001-ubnd-xa-ta-ma.json'), 'utf8');
const SLUG = 'xa-ta-ma-chuyen-doi-so-2023-2030';
let server: RunningServer;
let databasePath: string;
let taMaUnion: number;

beforeAll(async () => {
	databasePath = tempDbPath();
	const db = openDatabase(databasePath);
	migrateDatabase(db);
	await seedDemoIfEmpty(db, NOW);
	taMaUnion = db.select({ id: units.id }).from(units).where(eq(units.name, 'Đoàn xã Ta Ma')).get()!.id;
	db.$client.close();
	server = await startServer({ DATABASE_PATH: databasePath });
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

function campaignSlugs(): string[] {
	const db = openDatabase(databasePath);
	try {
		return db
			.select({ slug: campaigns.slug })
			.from(campaigns)
			.all()
			.map((c) => c.slug);
	} finally {
		db.$client.close();
	}
}

async function post(action: string, cookie: string, form: FormData) {
	const res = await fetchRetryingReset(`${server.url}/quan-tri/phong-trao/nhap?/${action}`, {
		method: 'POST',
		headers: { origin: server.url, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: form
	});
	const body = (await res.json()) as { type: string; status?: number; data?: string };
	return { status: res.status, type: body.type, actionStatus: body.status, data: body.data ?? '' };
}

/** Sends the head of an 800 KB upload and waits for an answer with the rest never sent. */
function postHeadOnly(cookie: string): Promise<number> {
	const boundary = 'campaignfileboundary';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.json"\r\nContent-Type: application/json\r\n\r\n{"format":`
	);
	return new Promise((resolve, reject) => {
		const req = request(
			`${server.url}/quan-tri/phong-trao/nhap?/preview`,
			{
				method: 'POST',
				headers: {
					'content-type': `multipart/form-data; boundary=${boundary}`,
					'content-length': String(800 * 1024),
					origin: server.url,
					cookie,
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				}
			},
			(res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
				req.destroy();
			}
		);
		req.on('error', reject);
		req.write(head);
	});
}

describe('/quan-tri/phong-trao/nhap', () => {
	it('a member is refused before the upload is read', async () => {
		const member = await signIn(server.url, 'doanvien');
		expect(await postHeadOnly(member)).toBe(403);
		expect(campaignSlugs()).not.toContain(SLUG);
	});

	it('the province admin previews file 001 (nothing written), then imports it', async () => {
		const admin = await signIn(server.url, 'tinhdoan');
		const page = await fetchRetryingReset(`${server.url}/quan-tri/phong-trao/nhap`, { headers: { cookie: admin } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Nhập tệp phong trào');

		const form = new FormData();
		form.append('file', new File([TA_MA], '001-ubnd-xa-ta-ma.json', { type: 'application/json' }));
		form.append('ownerUnitId', String(taMaUnion));
		const preview = await post('preview', admin, form);
		expect(preview.type).toBe('success');
		expect(preview.data).toContain('12 loại hoạt động (18 kết quả, 1 ràng buộc giữa kết quả)');
		expect(preview.data).toContain('Thêm loại hoạt động “Sáng kiến, giải pháp chuyển đổi số”');
		expect(campaignSlugs()).not.toContain(SLUG);

		const confirm = new FormData();
		confirm.append('content', TA_MA);
		confirm.append('ownerUnitId', String(taMaUnion));
		const imported = await post('import', admin, confirm);
		expect(imported.type).toBe('success');
		expect(imported.data).toContain('Đã nhập tệp phong trào');
		expect(campaignSlugs()).toContain(SLUG);
	});

	it('refuses a file that is not JSON, and lists a broken file’s errors with their paths', async () => {
		const admin = await signIn(server.url, 'tinhdoan');
		const before = campaignSlugs();
		const text = new FormData();
		text.append('file', new File(['xin chào'], 'ke-hoach.txt', { type: 'text/plain' }));
		const notJson = await post('preview', admin, text);
		expect(notJson.type).toBe('failure');
		expect(notJson.actionStatus).toBe(400);
		expect(notJson.data).toContain('Chỉ nhận tệp JSON (.json).');

		const broken = JSON.parse(TA_MA);
		broken.slug = 'xa-ta-ma-ban-loi';
		broken.levels[2].code = 'village';
		broken.levels.push({ code: 'village', label: 'Bản (trùng)', rank: 2 });
		const form = new FormData();
		form.append('file', new File([JSON.stringify(broken)], 'loi.json', { type: 'application/json' }));
		form.append('ownerUnitId', String(taMaUnion));
		const refused = await post('import', admin, form);
		expect(refused.type).toBe('failure');
		expect(refused.data).toContain('levels[3].code');
		expect(refused.data).toContain('mã “village” bị trùng');
		expect(campaignSlugs()).toEqual(before);
	});

	it('the standing office downloads the running campaign as a valid campaign file; a member cannot', async () => {
		const admin = await signIn(server.url, 'tinhdoan');
		const res = await fetchRetryingReset(`${server.url}/quan-tri/phong-trao/tep`, { headers: { cookie: admin } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="tuoi-tre-dien-bien-tien-phong-chuyen-doi-so.json"');
		const read = readCampaignFile(await res.text());
		expect(read.ok && read.file.activityTypes.length).toBe(14);
		const member = await signIn(server.url, 'doanvien');
		expect((await fetchRetryingReset(`${server.url}/quan-tri/phong-trao/tep`, { headers: { cookie: member } })).status).toBe(403);
	});
});
