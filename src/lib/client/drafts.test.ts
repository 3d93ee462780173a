import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	collectFields,
	controlKind,
	deleteDraft,
	draftPhotoFiles,
	hasContent,
	listDrafts,
	loadDraft,
	mergeDrafts,
	normaliseFields,
	parseFallback,
	planRestore,
	saveDraft,
	serialiseFallback,
	toDraftPhotos,
	type ControlSnapshot,
	type Draft
} from './drafts';
import { debounce } from './keep-draft';
import { fitWithin, isShrinkable, isSmallEnough, jpegName, resolveShrinkOptions, shrinkPhoto } from './photo-shrink';

function control(name: string, kind: ControlSnapshot['kind'], extra: Partial<ControlSnapshot> = {}): ControlSnapshot {
	return { name, kind, value: '', checked: false, options: [], selected: [], ...extra };
}

function draft(savedAt: number, fields: Draft['fields'], photos: Draft['photos'] = []): Draft {
	return { key: 'k', fields, photos, savedAt };
}

describe('debounce', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs once, the given time after the last call', () => {
		const fn = vi.fn();
		const d = debounce(fn, 500);
		d.schedule();
		vi.advanceTimersByTime(400);
		d.schedule();
		vi.advanceTimersByTime(400);
		expect(fn).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(fn).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(5000);
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('does not run after cancel, and can be scheduled again', () => {
		const fn = vi.fn();
		const d = debounce(fn, 500);
		d.schedule();
		d.cancel();
		vi.advanceTimersByTime(1000);
		expect(fn).not.toHaveBeenCalled();
		d.schedule();
		vi.advanceTimersByTime(500);
		expect(fn).toHaveBeenCalledTimes(1);
	});
});

describe('which controls a draft keeps', () => {
	it('skips files, passwords, buttons and hidden server state', () => {
		expect(controlKind('INPUT', 'file', 'photos')).toBeNull();
		expect(controlKind('INPUT', 'password', 'newPassword')).toBeNull();
		expect(controlKind('INPUT', 'submit', 'action')).toBeNull();
		expect(controlKind('INPUT', 'hidden', 'revision')).toBeNull();
		expect(controlKind('INPUT', 'hidden', 'csrf_token')).toBeNull();
		expect(controlKind('BUTTON', 'submit', 'intent')).toBeNull();
		expect(controlKind('INPUT', 'text', '')).toBeNull();
	});

	it('keeps text-like fields, other hidden fields, choices and selects', () => {
		expect(controlKind('INPUT', 'text', 'title')).toBe('text');
		expect(controlKind('INPUT', 'number', 'participants')).toBe('text');
		expect(controlKind('INPUT', 'hidden', 'unitId')).toBe('text');
		expect(controlKind('TEXTAREA', 'textarea', 'story')).toBe('text');
		expect(controlKind('INPUT', 'checkbox', 'tags')).toBe('checkbox');
		expect(controlKind('INPUT', 'radio', 'kind')).toBe('radio');
		expect(controlKind('SELECT', 'select-one', 'unit')).toBe('select-one');
		expect(controlKind('SELECT', 'select-multiple', 'areas')).toBe('select-multiple');
	});
});

describe('reading fields', () => {
	it('turns checkbox groups and multi-selects into lists, empty when nothing is chosen', () => {
		const fields = collectFields([
			control('title', 'text', { value: 'Số hoá sổ đoàn viên' }),
			control('tags', 'checkbox', { value: 'a', checked: true }),
			control('tags', 'checkbox', { value: 'b' }),
			control('tags', 'checkbox', { value: 'c', checked: true }),
			control('agree', 'checkbox', { value: 'on' }),
			control('areas', 'select-multiple', { options: ['x', 'y', 'z'], selected: ['x', 'z'] })
		]);
		expect(fields).toEqual({ title: 'Số hoá sổ đoàn viên', tags: ['a', 'c'], agree: [], areas: ['x', 'z'] });
	});

	it('keeps the checked radio wherever it is in the group, and "" when none is', () => {
		expect(
			collectFields([
				control('kind', 'radio', { value: 'a' }),
				control('kind', 'radio', { value: 'b', checked: true }),
				control('kind', 'radio', { value: 'c' })
			])
		).toEqual({ kind: 'b' });
		expect(collectFields([control('kind', 'radio', { value: 'a' })])).toEqual({ kind: '' });
	});

	it('lists same-named text fields in document order', () => {
		expect(
			collectFields([
				control('link', 'text', { value: 'a' }),
				control('link', 'text', { value: 'b' }),
				control('link', 'text', { value: 'c' })
			])
		).toEqual({ link: ['a', 'b', 'c'] });
	});

	it('never writes a field named __proto__', () => {
		const fields = collectFields([control('__proto__', 'text', { value: 'x' })]);
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
		expect(Object.keys(fields)).toEqual([]);
	});
});

describe('planning a restore', () => {
	it('only changes what differs and leaves fields the draft does not know', () => {
		const controls = [
			control('title', 'text', { value: 'old' }),
			control('story', 'text', { value: 'same' }),
			control('newField', 'text', { value: 'default' })
		];
		expect(planRestore(controls, { title: 'saved', story: 'same' })).toEqual([{ index: 0, value: 'saved' }]);
	});

	it('checks only the saved radio (the browser unchecks the rest) and unchecks the group when none was chosen', () => {
		const radios = [control('kind', 'radio', { value: 'a', checked: true }), control('kind', 'radio', { value: 'b' })];
		expect(planRestore(radios, { kind: 'b' })).toEqual([{ index: 1, checked: true }]);
		expect(planRestore(radios, { kind: '' })).toEqual([{ index: 0, checked: false }]);
		expect(planRestore(radios, { kind: 'removed-option' })).toEqual([]);
	});

	it('sets checkboxes from the saved list', () => {
		const boxes = [control('tags', 'checkbox', { value: 'a', checked: true }), control('tags', 'checkbox', { value: 'b' })];
		expect(planRestore(boxes, { tags: ['b'] })).toEqual([
			{ index: 0, checked: false },
			{ index: 1, checked: true }
		]);
	});

	it('does not pick a select option that no longer exists', () => {
		const select = control('unit', 'select-one', { value: 'u1', options: ['u1', 'u2'] });
		expect(planRestore([select], { unit: 'u9' })).toEqual([]);
		expect(planRestore([select], { unit: 'u2' })).toEqual([{ index: 0, value: 'u2' }]);
		const multi = control('areas', 'select-multiple', { options: ['x', 'y'], selected: ['x'] });
		expect(planRestore([multi], { areas: ['y', 'gone'] })).toEqual([{ index: 0, selected: ['y'] }]);
	});

	it('spreads a saved list over same-named fields in order', () => {
		const links = [control('link', 'text'), control('link', 'text'), control('link', 'text')];
		expect(planRestore(links, { link: ['a', 'b'] })).toEqual([
			{ index: 0, value: 'a' },
			{ index: 1, value: 'b' }
		]);
	});

	it('leaves alone fields the member changed while the draft loaded', () => {
		const controls = [control('title', 'text', { value: 'typed just now' }), control('story', 'text')];
		expect(planRestore(controls, { title: 'saved', story: 'saved story' }, new Set(['title']))).toEqual([
			{ index: 1, value: 'saved story' }
		]);
	});

	it('round-trips what collectFields read', () => {
		const before = [
			control('title', 'text', { value: 'T' }),
			control('tags', 'checkbox', { value: 'a', checked: true }),
			control('tags', 'checkbox', { value: 'b' }),
			control('kind', 'radio', { value: 'x' }),
			control('kind', 'radio', { value: 'y', checked: true })
		];
		const blank = before.map((c) => ({ ...c, value: c.kind === 'text' ? '' : c.value, checked: false }));
		const steps = planRestore(blank, collectFields(before));
		expect(steps).toEqual([
			{ index: 0, value: 'T' },
			{ index: 1, checked: true },
			{ index: 4, checked: true }
		]);
	});
});

describe('stored drafts from older versions or other hands', () => {
	it('keeps only string and string[] fields', () => {
		expect(normaliseFields({ a: 'x', b: ['y', 'z'], c: 3, d: ['ok', 4], e: null, f: { g: 'h' } })).toEqual({ a: 'x', b: ['y', 'z'] });
		expect(normaliseFields(null)).toEqual({});
		expect(normaliseFields(['a'])).toEqual({});
		const parsed = normaliseFields(JSON.parse('{"__proto__": ["polluted"]}'));
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
	});

	it('reads back what it wrote and refuses garbage', () => {
		expect(parseFallback(serialiseFallback({ title: 'T', tags: ['a'] }, 1234), 'k')).toEqual(draft(1234, { title: 'T', tags: ['a'] }));
		expect(parseFallback(null, 'k')).toBeNull();
		expect(parseFallback('not json', 'k')).toBeNull();
		expect(parseFallback('{"fields":{"a":"b"}}', 'k')).toBeNull();
		expect(parseFallback('{"fields":{"a":"b"},"savedAt":"yesterday"}', 'k')).toBeNull();
	});
});

describe('merging the IndexedDB draft with the localStorage fallback', () => {
	const photo = { name: 'a.jpg', type: 'image/jpeg', blob: new Blob(['x'], { type: 'image/jpeg' }) };

	it('takes whichever exists', () => {
		expect(mergeDrafts(null, null)).toBeNull();
		expect(mergeDrafts(draft(1, { a: '1' }), null)).toEqual(draft(1, { a: '1' }));
		expect(mergeDrafts(null, draft(2, { a: '2' }))).toEqual(draft(2, { a: '2' }));
	});

	it('prefers the stored draft when the fallback is older', () => {
		expect(mergeDrafts(draft(5, { a: 'stored' }, [photo]), draft(4, { a: 'fallback' }))).toEqual(draft(5, { a: 'stored' }, [photo]));
	});

	it('takes newer fallback fields but keeps the photos it could not save', () => {
		expect(mergeDrafts(draft(5, { a: 'stored' }, [photo]), draft(6, { a: 'fallback' }))).toEqual(draft(6, { a: 'fallback' }, [photo]));
	});
});

describe('draft content and photos', () => {
	it('treats a draft of empty fields and no photos as nothing to restore', () => {
		expect(hasContent({ fields: { title: '  ', tags: [], kind: '' }, photos: [] })).toBe(false);
		expect(hasContent({ fields: { title: 'x' }, photos: [] })).toBe(true);
		expect(hasContent({ fields: { tags: ['a'] }, photos: [] })).toBe(true);
		expect(hasContent({ fields: {}, photos: [{ name: 'a.jpg', type: 'image/jpeg', blob: new Blob(['x']) }] })).toBe(true);
	});

	it('turns stored blobs back into named files', async () => {
		const original = new File(['pixels'], 'bản Ta Ma.jpg', { type: 'image/jpeg' });
		const [photo] = toDraftPhotos([original]);
		// IndexedDB may return a plain Blob; the name and type must come from the record.
		const [file] = draftPhotoFiles({ photos: [{ name: photo!.name, type: photo!.type, blob: new Blob(['pixels']) }] });
		expect(file).toBeInstanceOf(File);
		expect(file!.name).toBe('bản Ta Ma.jpg');
		expect(file!.type).toBe('image/jpeg');
		expect(await file!.text()).toBe('pixels');
	});
});

/** Node has no IndexedDB, so these exercise the fallback a browser uses when IndexedDB fails. */
describe('storage without IndexedDB', () => {
	let warn: ReturnType<typeof vi.spyOn>;

	function memoryStorage(): Storage {
		const data = new Map<string, string>();
		return {
			get length() {
				return data.size;
			},
			key: (i) => [...data.keys()][i] ?? null,
			getItem: (k) => data.get(k) ?? null,
			setItem: (k, v) => void data.set(k, String(v)),
			removeItem: (k) => void data.delete(k),
			clear: () => data.clear()
		};
	}

	beforeEach(() => {
		warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
	});
	afterEach(() => {
		warn.mockRestore();
		vi.unstubAllGlobals();
	});

	it('keeps the fields in localStorage, drops the photos, and says so', async () => {
		vi.stubGlobal('localStorage', memoryStorage());
		const photo = { name: 'a.jpg', type: 'image/jpeg', blob: new Blob(['x']) };
		await saveDraft('initiative:new', { title: 'Chợ 4.0', tags: ['a'] }, [photo]);
		const loaded = await loadDraft('initiative:new');
		expect(loaded).toMatchObject({ key: 'initiative:new', fields: { title: 'Chợ 4.0', tags: ['a'] }, photos: [] });
		expect(warn).toHaveBeenCalled();
	});

	it('lists, newest first, and deletes', async () => {
		vi.stubGlobal('localStorage', memoryStorage());
		localStorage.setItem('unrelated', 'x');
		localStorage.setItem('tienphong-draft:old', serialiseFallback({ a: '1' }, 1000));
		localStorage.setItem('tienphong-draft:new', serialiseFallback({ a: '2' }, 2000));
		expect(await listDrafts()).toEqual([
			{ key: 'new', savedAt: 2000 },
			{ key: 'old', savedAt: 1000 }
		]);
		await deleteDraft('new');
		expect(await loadDraft('new')).toBeNull();
		expect(await listDrafts()).toEqual([{ key: 'old', savedAt: 1000 }]);
	});

	it('never throws when storage itself fails', async () => {
		const broken = memoryStorage();
		broken.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		broken.getItem = () => {
			throw new DOMException('denied', 'SecurityError');
		};
		vi.stubGlobal('localStorage', broken);
		await expect(saveDraft('k', { a: 'b' }, [])).resolves.toBeUndefined();
		await expect(loadDraft('k')).resolves.toBeNull();
		await expect(deleteDraft('k')).resolves.toBeUndefined();
		await expect(listDrafts()).resolves.toEqual([]);
	});
});

describe('photo shrinking decisions', () => {
	it('fits the longest side and never enlarges', () => {
		expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
		expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
		expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
		expect(fitWithin(20000, 10, 1600)).toEqual({ width: 1600, height: 1 });
	});

	it('leaves small photos alone only when both sides and bytes are small', () => {
		expect(isSmallEnough(1600, 1200, 1024 * 1024, 1600)).toBe(true);
		expect(isSmallEnough(1601, 1200, 1024, 1600)).toBe(false);
		expect(isSmallEnough(1200, 900, 2 * 1024 * 1024, 1600)).toBe(false);
	});

	it('names the output .jpg', () => {
		expect(jpegName('IMG_2024.HEIC')).toBe('IMG_2024.jpg');
		expect(jpegName('ảnh.bản.png')).toBe('ảnh.bản.jpg');
		expect(jpegName('no-extension')).toBe('no-extension.jpg');
		expect(jpegName('.png')).toBe('photo.jpg');
		expect(jpegName('')).toBe('photo.jpg');
	});

	it('only tries still images', () => {
		expect(isShrinkable('image/jpeg', 'a.jpg')).toBe(true);
		expect(isShrinkable('image/heic', 'a.heic')).toBe(true);
		expect(isShrinkable('', 'a.JPG')).toBe(true);
		expect(isShrinkable('', 'report.pdf')).toBe(false);
		expect(isShrinkable('application/pdf', 'a.pdf')).toBe(false);
		expect(isShrinkable('image/gif', 'a.gif')).toBe(false);
		expect(isShrinkable('image/svg+xml', 'a.svg')).toBe(false);
	});

	it('falls back to the defaults for nonsense options', () => {
		expect(resolveShrinkOptions()).toEqual({ maxSide: 1600, quality: 0.85 });
		expect(resolveShrinkOptions({ maxSide: 0, quality: 2 })).toEqual({ maxSide: 1600, quality: 0.85 });
		expect(resolveShrinkOptions({ maxSide: Number.NaN, quality: 0 })).toEqual({ maxSide: 1600, quality: 0.85 });
		expect(resolveShrinkOptions({ maxSide: 1024, quality: 0.7 })).toEqual({ maxSide: 1024, quality: 0.7 });
	});

	it('returns the very same file when it cannot or should not touch it', async () => {
		const pdf = new File(['%PDF'], 'a.pdf', { type: 'application/pdf' });
		expect(await shrinkPhoto(pdf)).toBe(pdf);
		// Node cannot decode images at all, like Chrome with HEIC.
		const heic = new File(['not really'], 'IMG.HEIC', { type: 'image/heic' });
		expect(await shrinkPhoto(heic)).toBe(heic);
	});
});
