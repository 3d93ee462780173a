import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { daysBefore } from '../helpers/clock';
import { openFigures, openFiguresCsv, type OpenFigures } from '../../src/lib/server/exports/open-data';
import { isFresh } from '../../src/lib/server/http/etag';
import { openApiDocument } from '../../src/lib/domain/exports/openapi';
import { parseCsv } from '../../src/lib/server/imports/csv';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	const verifier = provinceVerifier(t.db, f.units.P.id);
	const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1a1.id, { people: 1566 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B2a1.id, { people: 34 }));
});
afterEach(() => t.close());

const query = { campaign: 'test', unit: null, period: 'Y2026', cutoff: null };

describe('open data /api/v1/so-lieu', () => {
	it('gives the public totals of the subtree as JSON with a stable ETag', () => {
		const ctx = contextFor(t.db, null);
		const result = openFigures(ctx, { ...query, unit: String(f.units.P.id) })!;
		const data = JSON.parse(result.body) as OpenFigures;
		expect(data.unit.id).toBe(f.units.P.id);
		expect(data.works.approved).toBe(2);
		expect(data.measures.find((m) => m.label === 'Người được hỗ trợ')).toMatchObject({ approved: 1600, works: 2 });
		expect(result.etag).toMatch(/^"[\w-]+"$/);
		// Same data, same validator: a client's If-None-Match gets a 304.
		const again = openFigures(ctx, { ...query, unit: String(f.units.P.id) })!;
		expect(again.etag).toBe(result.etag);
		expect(isFresh(result.etag, again.etag)).toBe(true);
		expect(isFresh(`W/${result.etag}, "other"`, again.etag)).toBe(true);
		expect(isFresh('"other"', again.etag)).toBe(false);
		expect(isFresh(null, again.etag)).toBe(false);
	});

	it('changes the ETag when the figures change, and a different unit gives different figures', () => {
		const ctx = contextFor(t.db, null);
		const province = openFigures(ctx, { ...query, unit: String(f.units.P.id) })!;
		const district = openFigures(ctx, { ...query, unit: String(f.units.D1.id) })!;
		expect(district.etag).not.toBe(province.etag);
		const verifier = provinceVerifier(t.db, f.units.P.id);
		const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(1));
		approvedInitiative(author, { ...verifier, now: daysBefore(1) }, vneidSession(c, f.units.B1a1.id, { people: 5 }));
		const later = openFigures(ctx, { ...query, unit: String(f.units.P.id) })!;
		expect(later.etag).not.toBe(province.etag);
		expect((JSON.parse(later.body) as OpenFigures).works.approved).toBe(3);
	});

	it('is the same for a signed-in admin as for nobody: no adjustments leak into open data', () => {
		const asNobody = openFigures(contextFor(t.db, null), query)!;
		const asAdmin = openFigures(contextFor(t.db, f.people.provinceAdmin.id), query)!;
		expect(asAdmin.body).toBe(asNobody.body);
		expect(asAdmin.body).not.toContain('adjustments');
	});

	it('returns nothing for an unknown campaign (the route answers 404)', () => {
		expect(openFigures(contextFor(t.db, null), { ...query, campaign: 'khong-co' })).toBeNull();
	});

	it('as CSV starts with the BOM, keeps diacritics and carries its own ETag', async () => {
		const file = (await openFiguresCsv(contextFor(t.db, null), { ...query, unit: String(f.units.P.id) }))!;
		expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(file.body);
		expect(text).toContain('Người được hỗ trợ');
		const parsed = parseCsv(text, 100);
		expect(parsed.ok && parsed.records.find((r) => r[2] === 'Người được hỗ trợ')!.slice(3, 5)).toEqual(['người', '1600']);
		expect(file.etag).toMatch(/^"[\w-]+"$/);
	});

	it('is described by an OpenAPI 3.1 document naming both endpoints', () => {
		const doc = openApiDocument('https://tienphong.example');
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(['/api/v1/so-lieu', '/api/v1/so-lieu.csv']);
		expect(doc.servers[0]!.url).toBe('https://tienphong.example');
	});
});
