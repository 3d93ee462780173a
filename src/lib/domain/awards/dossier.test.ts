import { describe, expect, it } from 'vitest';
import { dossierFileName, isPdf } from './dossier';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('dossier files', () => {
	it('are PDFs by their bytes: header and trailer, whatever the name says', () => {
		expect(isPdf(pdf)).toBe(true);
		expect(isPdf(Buffer.from('\xff\xd8\xff\xe0 a JPEG named hoso.pdf'))).toBe(false);
		expect(isPdf(Buffer.from('%PDF-1.7 cut off before its end'))).toBe(false);
		expect(isPdf(Buffer.from('<html>%PDF-1.7 %%EOF</html>'))).toBe(false);
		expect(isPdf(new Uint8Array())).toBe(false);
	});

	it('keep a clean name that ends in .pdf', () => {
		expect(dossierFileName('C:\\Users\\bt\\Hồ sơ  đề nghị.PDF')).toBe('Hồ sơ đề nghị.pdf');
		expect(dossierFileName('../../etc/passwd')).toBe('passwd.pdf');
		expect(dossierFileName('<b>Hồ sơ</b>.pdf')).toBe('b.pdf');
		expect(dossierFileName('<b>Hồ sơ "A".pdf')).toBe('bHồ sơ A.pdf');
		expect(dossierFileName('')).toBe('ho-so.pdf');
		expect(dossierFileName('bao-cao.jpg')).toBe('bao-cao.pdf');
		expect(dossierFileName('Hồ sơ v1.2')).toBe('Hồ sơ v1.2.pdf');
	});
});
