/**
 * Drafts kept on the device, so a dropped 3G connection, a closed tab or Android killing the browser in the
 * background loses nothing the member typed or picked.
 *
 * IndexedDB holds fields and photos. When it is missing or fails (private mode, quota, Safari refusing blobs),
 * fields alone go to localStorage: losing the photos is bad, losing the text too would be worse.
 * Nothing here throws to the caller; failures are logged with console.warn.
 *
 * Browser-only, but nothing touches browser globals at import time, so server-rendered components may import it.
 * The service worker uses it too (no DOM, no localStorage there): it deletes a draft once its outbox sent it.
 */
import { database } from './idb';

export interface DraftPhoto {
	name: string;
	type: string;
	blob: Blob;
}

export type DraftFields = Record<string, string | string[]>;

export interface Draft {
	key: string;
	fields: DraftFields;
	photos: DraftPhoto[];
	savedAt: number;
}

const drafts = database('tienphong-drafts', 1, { drafts: { keyPath: 'key' } });
const fallbackPrefix = 'tienphong-draft:';

// ---------------------------------------------------------------------------------------------------------
// Pure helpers (tested without a browser)

/** Keeps only string and string[] values: stored drafts may come from an older version of the app. */
export function normaliseFields(value: unknown): DraftFields {
	const out: DraftFields = {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
	for (const [name, v] of Object.entries(value)) {
		if (name === '__proto__') continue;
		if (typeof v === 'string') out[name] = v;
		else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[name] = [...(v as string[])];
	}
	return out;
}

function normalisePhotos(value: unknown): DraftPhoto[] {
	if (!Array.isArray(value) || typeof Blob === 'undefined') return [];
	return value.flatMap((p: unknown) => {
		if (!p || typeof p !== 'object') return [];
		const { name, type, blob } = p as Partial<DraftPhoto>;
		if (typeof name !== 'string' || typeof type !== 'string' || !(blob instanceof Blob)) return [];
		return [{ name, type, blob }];
	});
}

export function normaliseDraft(value: unknown, key: string): Draft | null {
	if (!value || typeof value !== 'object') return null;
	const record = value as Partial<Draft>;
	if (typeof record.savedAt !== 'number' || !Number.isFinite(record.savedAt)) return null;
	return { key, fields: normaliseFields(record.fields), photos: normalisePhotos(record.photos), savedAt: record.savedAt };
}

export function serialiseFallback(fields: DraftFields, savedAt: number): string {
	return JSON.stringify({ fields, savedAt });
}

export function parseFallback(raw: string | null, key: string): Draft | null {
	if (raw === null) return null;
	try {
		return normaliseDraft(JSON.parse(raw), key);
	} catch {
		return null;
	}
}

/**
 * The localStorage copy only exists when the last IndexedDB save failed, so when it is newer its fields win.
 * Its photos could not be saved, so the older IndexedDB photos are kept: a photo the member removed may come
 * back, which they can see and undo; a photo silently lost cannot be undone.
 */
export function mergeDrafts(stored: Draft | null, fallback: Draft | null): Draft | null {
	if (!stored) return fallback;
	if (!fallback || fallback.savedAt < stored.savedAt) return stored;
	return { ...fallback, photos: fallback.photos.length > 0 ? fallback.photos : stored.photos };
}

/** A draft saved after the member emptied the form is not worth a "draft restored" notice. */
export function hasContent(draft: Pick<Draft, 'fields' | 'photos'>): boolean {
	if (draft.photos.length > 0) return true;
	return Object.values(draft.fields).some((v) => (Array.isArray(v) ? v.length > 0 : v.trim() !== ''));
}

export function toDraftPhotos(files: readonly File[]): DraftPhoto[] {
	return files.map((file) => ({ name: file.name, type: file.type, blob: file }));
}

/** Files again, ready for a DataTransfer or FormData; IndexedDB may hand back plain Blobs without a name. */
export function draftPhotoFiles(draft: Pick<Draft, 'photos'>): File[] {
	return draft.photos.map((p) => new File([p.blob], p.name, { type: p.type || p.blob.type }));
}

// ---------------------------------------------------------------------------------------------------------
// localStorage fallback; every access can throw (storage disabled, quota)

function fallbackStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

function readFallback(key: string): Draft | null {
	try {
		return parseFallback(fallbackStorage()?.getItem(fallbackPrefix + key) ?? null, key);
	} catch (error) {
		warn('could not read the localStorage draft', error);
		return null;
	}
}

function removeFallback(key: string): void {
	try {
		fallbackStorage()?.removeItem(fallbackPrefix + key);
	} catch (error) {
		warn('could not remove the localStorage draft', error);
	}
}

function listFallback(): Array<Pick<Draft, 'key' | 'savedAt'>> {
	const storage = fallbackStorage();
	if (!storage) return [];
	const out: Array<Pick<Draft, 'key' | 'savedAt'>> = [];
	try {
		for (let i = 0; i < storage.length; i++) {
			const name = storage.key(i);
			if (!name?.startsWith(fallbackPrefix)) continue;
			const key = name.slice(fallbackPrefix.length);
			const draft = parseFallback(storage.getItem(name), key);
			if (draft) out.push({ key, savedAt: draft.savedAt });
		}
	} catch (error) {
		warn('could not list localStorage drafts', error);
	}
	return out;
}

const warned = new Set<string>();

/** Once per message: a failing store would otherwise warn on every keystroke pause. */
function warn(message: string, error: unknown): void {
	if (warned.has(message)) return;
	warned.add(message);
	console.warn(`drafts: ${message}`, error);
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Every operation goes through one queue, so a save started before a delete can never land after it and
 * resurrect a draft that was just cleared after a successful submit.
 */
let queue: Promise<unknown> = Promise.resolve();

function enqueue<T>(operation: () => Promise<T>): Promise<T> {
	const result = queue.then(operation, operation);
	queue = result.catch(() => undefined);
	return result;
}

export function saveDraft(key: string, fields: DraftFields, photos: DraftPhoto[]): Promise<void> {
	const draft: Draft = { key, fields, photos, savedAt: Date.now() };
	return enqueue(async () => {
		try {
			await drafts.run('drafts', 'readwrite', (store) => store.put(draft));
			removeFallback(key);
			return;
		} catch (error) {
			warn('IndexedDB save failed; keeping fields only in localStorage', error);
		}
		try {
			fallbackStorage()?.setItem(fallbackPrefix + key, serialiseFallback(fields, draft.savedAt));
		} catch (error) {
			warn('localStorage save failed too; this draft is not kept', error);
		}
	});
}

export function loadDraft(key: string): Promise<Draft | null> {
	return enqueue(async () => {
		let stored: Draft | null = null;
		try {
			stored = normaliseDraft(await drafts.run<unknown>('drafts', 'readonly', (store) => store.get(key)), key);
		} catch (error) {
			warn('IndexedDB read failed', error);
		}
		return mergeDrafts(stored, readFallback(key));
	});
}

export function deleteDraft(key: string): Promise<void> {
	return enqueue(async () => {
		try {
			await drafts.run('drafts', 'readwrite', (store) => store.delete(key));
		} catch (error) {
			warn('IndexedDB delete failed', error);
		}
		removeFallback(key);
	});
}

/** Newest first. */
export function listDrafts(): Promise<Array<Pick<Draft, 'key' | 'savedAt'>>> {
	return enqueue(async () => {
		const newest = new Map<string, number>();
		const note = (key: string, savedAt: number) => newest.set(key, Math.max(savedAt, newest.get(key) ?? -Infinity));
		try {
			const records = await drafts.run<unknown[]>('drafts', 'readonly', (store) => store.getAll());
			for (const record of records) {
				const key = (record as { key?: unknown } | null)?.key;
				const draft = typeof key === 'string' ? normaliseDraft(record, key) : null;
				if (draft) note(draft.key, draft.savedAt);
			}
		} catch (error) {
			warn('IndexedDB list failed', error);
		}
		for (const { key, savedAt } of listFallback()) note(key, savedAt);
		return [...newest].map(([key, savedAt]) => ({ key, savedAt })).sort((a, b) => b.savedAt - a.savedAt);
	});
}

// ---------------------------------------------------------------------------------------------------------
// Forms

export type ControlKind = 'text' | 'checkbox' | 'radio' | 'select-one' | 'select-multiple';

/** What the pure helpers need to know about one form control. */
export interface ControlSnapshot {
	name: string;
	kind: ControlKind;
	/** The typed value, the chosen option of a single select, or the value attribute of a checkbox or radio. */
	value: string;
	checked: boolean;
	/** Option values of a select, to avoid setting one that no longer exists (which would blank it). */
	options: string[];
	selected: string[];
}

/** Hidden fields carrying server state: restoring a stale one would break CSRF checks or hide an edit conflict. */
const serverStateName = /csrf|xsrf|token|nonce|revision|version|etag/i;

/** Which controls a draft keeps; null means skip. Passwords and files are never written to device storage. */
export function controlKind(tagName: string, type: string, name: string): ControlKind | null {
	if (!name) return null;
	const tag = tagName.toLowerCase();
	if (tag === 'textarea') return 'text';
	if (tag === 'select') return type === 'select-multiple' ? 'select-multiple' : 'select-one';
	if (tag !== 'input') return null;
	switch (type.toLowerCase()) {
		case 'file':
		case 'password':
		case 'submit':
		case 'reset':
		case 'button':
		case 'image':
			return null;
		case 'hidden':
			return serverStateName.test(name) ? null : 'text';
		case 'checkbox':
			return 'checkbox';
		case 'radio':
			return 'radio';
		default:
			return 'text';
	}
}

/**
 * Checkbox groups and multi-selects become string[] (empty when nothing is ticked, so restoring unticks);
 * several text controls sharing a name become string[] in document order.
 */
export function collectFields(controls: ControlSnapshot[]): DraftFields {
	const fields: DraftFields = {};
	for (const c of controls) {
		// Assigning to "__proto__" would replace the prototype instead of storing a field.
		if (c.name === '__proto__') continue;
		const current = fields[c.name];
		switch (c.kind) {
			case 'checkbox': {
				const list = Array.isArray(current) ? current : (fields[c.name] = []);
				if (c.checked) list.push(c.value);
				break;
			}
			case 'radio':
				if (c.checked) fields[c.name] = c.value;
				else if (current === undefined) fields[c.name] = '';
				break;
			case 'select-multiple':
				fields[c.name] = [...(Array.isArray(current) ? current : []), ...c.selected];
				break;
			default:
				if (current === undefined) fields[c.name] = c.value;
				else if (Array.isArray(current)) current.push(c.value);
				else fields[c.name] = [current, c.value];
		}
	}
	return fields;
}

export type RestoreStep = { index: number; value: string } | { index: number; checked: boolean } | { index: number; selected: string[] };

/**
 * What to change in each control (by index) to show the saved fields. Names absent from the draft are left
 * alone (a field added since the draft was saved keeps its default), and so are names in skipNames.
 */
export function planRestore(controls: ControlSnapshot[], fields: DraftFields, skipNames: ReadonlySet<string> = new Set()): RestoreStep[] {
	const steps: RestoreStep[] = [];
	const seen = new Map<string, number>();
	controls.forEach((c, index) => {
		// hasOwnProperty rather than Object.hasOwn: older Android WebViews lack the latter.
		if (skipNames.has(c.name) || !Object.prototype.hasOwnProperty.call(fields, c.name)) return;
		const saved = fields[c.name] ?? '';
		const list = Array.isArray(saved) ? saved : [saved];
		switch (c.kind) {
			case 'checkbox': {
				const checked = list.includes(c.value);
				if (checked !== c.checked) steps.push({ index, checked });
				break;
			}
			case 'radio': {
				// Checking one radio unchecks the rest of its group natively, so only the one to check gets a step;
				// a saved value that matches no radio any more (option removed) leaves the group as it is.
				if (list.includes(c.value)) {
					if (!c.checked) steps.push({ index, checked: true });
				} else if (c.checked && list.every((v) => v === '')) steps.push({ index, checked: false });
				break;
			}
			case 'select-multiple': {
				const selected = list.filter((v) => c.options.includes(v));
				const same = selected.length === c.selected.length && selected.every((v, i) => v === c.selected[i]);
				if (!same) steps.push({ index, selected });
				break;
			}
			default: {
				const nth = seen.get(c.name) ?? 0;
				seen.set(c.name, nth + 1);
				const value = list[nth];
				if (value === undefined || value === c.value) break;
				if (c.kind === 'select-one' && !c.options.includes(value)) break;
				steps.push({ index, value });
			}
		}
	});
	return steps;
}

type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isFormControl(el: Element): el is FormControl {
	return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** A field marked data-draft="off" (for example a one-time code) is never stored. */
function formControls(form: HTMLFormElement): Array<{ el: FormControl; snapshot: ControlSnapshot }> {
	const out: Array<{ el: FormControl; snapshot: ControlSnapshot }> = [];
	for (const el of Array.from(form.elements)) {
		if (!isFormControl(el) || el.dataset.draft === 'off') continue;
		const kind = controlKind(el.tagName, el.type, el.name);
		if (!kind) continue;
		const isSelect = el instanceof HTMLSelectElement;
		const options = isSelect ? Array.from(el.options, (o) => o.value) : [];
		const selected = isSelect ? Array.from(el.selectedOptions, (o) => o.value) : [];
		const checked = el instanceof HTMLInputElement && el.checked;
		out.push({ el, snapshot: { name: el.name, kind, value: el.value, checked, options, selected } });
	}
	return out;
}

export function readFormFields(form: HTMLFormElement): DraftFields {
	return collectFields(formControls(form).map((c) => c.snapshot));
}

/**
 * Puts saved values back by name, dispatching 'input' and 'change' so Svelte bindings pick them up.
 * Names in skipNames are left alone: keepDraft passes the ones the member changed while the draft was loading.
 */
export function restoreFormFields(form: HTMLFormElement, fields: DraftFields, skipNames: ReadonlySet<string> = new Set()): void {
	const controls = formControls(form);
	const steps = planRestore(
		controls.map((c) => c.snapshot),
		fields,
		skipNames
	);
	for (const step of steps) {
		const control = controls[step.index];
		if (!control) continue;
		const { el } = control;
		if ('checked' in step && el instanceof HTMLInputElement) el.checked = step.checked;
		else if ('selected' in step && el instanceof HTMLSelectElement) {
			for (const option of Array.from(el.options)) option.selected = step.selected.includes(option.value);
		} else if ('value' in step) el.value = step.value;
		// Svelte's bind:group on a radio takes the value of whichever radio fires 'change', checked or not, so
		// an unchecked radio must stay silent.
		if ('checked' in step && !step.checked && el.type === 'radio') continue;
		// Svelte's bind:value listens for 'input'; bind:checked, bind:group and selects listen for 'change'.
		el.dispatchEvent(new Event('input', { bubbles: true }));
		el.dispatchEvent(new Event('change', { bubbles: true }));
	}
}
