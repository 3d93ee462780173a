import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { open, type Role } from './helpers';
import { expect, missingMessages, newPerson, test } from './fixtures';

/** A page to check: its address, or the first link on a list page whose address matches. */
type Entry = string | { from: string; link: RegExp };
const first = (from: string, link: RegExp): Entry => ({ from, link });
const STORY = /^\/sang-kien\/\d+/;

/**
 * axe-core over the main pages of each role, at the project's size (phone and desktop): no serious or critical
 * finding. Pages whose address holds an id take the first one their list links to.
 */
const PAGES: Record<Role | 'visitor', Entry[]> = {
	visitor: [
		'/',
		'/bang-xep-hang',
		'/bang-xep-hang?doi-tuong=member',
		first('/bang-xep-hang', /^\/bang-xep-hang\/giai-thich\?/),
		'/cach-tinh-diem',
		'/sang-kien',
		first('/sang-kien', STORY),
		'/doi-hinh',
		first('/doi-hinh', /^\/doi-hinh\/\d+$/),
		'/don-vi',
		first('/don-vi', /^\/don-vi\/\d+$/),
		'/huy-hieu',
		'/khen-thuong',
		'/so-lieu',
		'/du-lieu-mo',
		'/trinh-chieu',
		'/dang-nhap'
	],
	doanvien: ['/toi', '/bang-xep-hang', '/tai-khoan'],
	tama: ['/toi', '/thong-bao', '/sang-kien/moi', '/doi-hinh/moi', '/bao-cao', '/chi-tieu'],
	tuangiao: ['/duyet', first('/sang-kien', STORY), '/so-lieu', '/bao-cao', '/khen-thuong/de-nghi'],
	tinhdoan: [
		'/quan-tri',
		'/quan-tri/nhat-ky',
		'/quan-tri/don-vi',
		'/quan-tri/tai-khoan',
		'/quan-tri/phong-trao',
		'/quan-tri/the-le',
		'/quan-tri/ky-thi-dua',
		'/quan-tri/loai-hoat-dong',
		'/quan-tri/huy-hieu',
		'/quan-tri/khen-thuong',
		'/quan-tri/hoi-dong',
		'/quan-tri/nhap-du-lieu',
		'/khen-thuong/goi-y'
	]
};

async function resolve(page: Page, entry: Entry): Promise<string | null> {
	if (typeof entry === 'string') return entry;
	await open(page, entry.from);
	const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.find((href) => entry.link.test(href)) ?? null;
}

/** Pages per test: a long list would outlast the test's time on a machine busy with the rest of the suite. */
const PAGES_PER_TEST = 7;

for (const [who, all] of Object.entries(PAGES)) {
	for (let from = 0; from < all.length; from += PAGES_PER_TEST) {
		const paths = all.slice(from, from + PAGES_PER_TEST);
		const part = all.length > PAGES_PER_TEST ? ` (${from + 1}-${from + paths.length})` : '';
		test(`no serious accessibility finding on the pages ${who} opens${part}`, async ({ browser }, info) => {
			test.setTimeout(120_000);
			// axe-core is injected as a script, which our CSP would block.
			const context = await newPerson(browser, info, who === 'visitor' ? undefined : (who as Role), { bypassCSP: true });
			const page = await context.newPage();
			const missing = missingMessages(page);
			const findings: string[] = [];
			for (const entry of paths) {
				const path = await resolve(page, entry);
				expect(path, `a link on ${JSON.stringify(entry)}`).not.toBeNull();
				await open(page, path!);
				const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
				for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
					findings.push(`${path} ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
			}
			await context.close();
			expect(findings).toEqual([]);
			expect(missing).toEqual([]);
		});
	}
}
