/**
 * `use:keepDraft` keeps a form's draft on the device while the member works on it: restored on mount, saved
 * 500 ms after the last edit, and saved at once when the connection drops, the tab is hidden (the last
 * reliable moment on Android before the browser is killed) or the form is submitted (the upload may fail).
 *
 * Actions only run in the browser, and nothing here touches browser globals at import time.
 */
import type { Action } from 'svelte/action';
import { deleteDraft, hasContent, loadDraft, readFormFields, restoreFormFields, saveDraft, toDraftPhotos, type Draft } from './drafts';

export interface KeepDraftParams {
	/** Include the user and what the form is for (e.g. `initiative:new:<userId>:<campaignId>`): phones are shared. */
	key: string;
	/** The photos the page currently holds, read at each save. */
	photos: () => File[];
	/** Called once after a saved draft was put back into the form, to re-add its photos and say so. */
	onRestore: (draft: Draft) => void;
}

export interface Debounced {
	/** (Re)starts the wait; fn runs once, ms after the last call. */
	schedule(): void;
	cancel(): void;
}

export function debounce(fn: () => void, ms: number): Debounced {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const cancel = () => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
	};
	return {
		schedule() {
			cancel();
			timer = setTimeout(() => {
				timer = undefined;
				fn();
			}, ms);
		},
		cancel
	};
}

interface Keeper {
	/** Forget unsaved edits: the draft was just submitted successfully. */
	forget(): void;
	saveSoon(): void;
}

/** Live forms by draft key, so clearDraftOnSuccess can stop a pending save from re-creating the draft. */
const keepers = new Map<string, Set<Keeper>>();

function register(key: string, keeper: Keeper): void {
	const set = keepers.get(key) ?? new Set();
	set.add(keeper);
	keepers.set(key, set);
}

function unregister(key: string, keeper: Keeper): void {
	const set = keepers.get(key);
	set?.delete(keeper);
	if (set?.size === 0) keepers.delete(key);
}

export const keepDraft: Action<HTMLFormElement, KeepDraftParams> = (form, initial) => {
	let params = initial;
	let key = params.key;
	/** Until the saved draft is loaded and restored, saving would overwrite it with a half-empty form. */
	let ready = false;
	/** Edited since the last save; keeps hide/offline/destroy from saving a form that was just cleared. */
	let dirty = false;
	let restoring = false;
	let destroyed = false;
	/** Fields the member changed while the draft was loading; theirs is newer than the draft's. */
	const touched = new Set<string>();
	const debounced = debounce(() => void saveNow(), 500);

	const keeper: Keeper = {
		forget() {
			debounced.cancel();
			dirty = false;
		},
		saveSoon() {
			dirty = true;
			if (ready) debounced.schedule();
		}
	};

	function currentPhotos(): File[] {
		try {
			return params.photos();
		} catch (error) {
			console.warn('keepDraft: photos() failed; saving the fields without photos', error);
			return [];
		}
	}

	function saveNow(): Promise<void> {
		debounced.cancel();
		if (!ready || !dirty || destroyed) return Promise.resolve();
		dirty = false;
		return saveDraft(key, readFormFields(form), toDraftPhotos(currentPhotos()));
	}

	async function restore(forKey: string): Promise<void> {
		ready = false;
		const draft = await loadDraft(forKey);
		if (destroyed || forKey !== key) return;
		if (draft && hasContent(draft)) {
			// Restoring dispatches input events; they are ours, not the member's, and must not trigger a save
			// before the page has re-added the draft's photos.
			restoring = true;
			try {
				restoreFormFields(form, draft.fields, touched);
			} finally {
				restoring = false;
			}
			try {
				params.onRestore(draft);
			} catch (error) {
				console.warn('keepDraft: onRestore failed', error);
			}
		}
		touched.clear();
		ready = true;
		if (dirty) debounced.schedule();
	}

	function onEdit(event: Event): void {
		if (restoring) return;
		const target = event.target;
		if (!ready && target && 'name' in target && typeof target.name === 'string' && target.name) touched.add(target.name);
		keeper.saveSoon();
	}

	function onLeave(): void {
		void saveNow();
	}

	function onVisibility(): void {
		if (document.visibilityState === 'hidden') void saveNow();
	}

	form.addEventListener('input', onEdit);
	form.addEventListener('change', onEdit);
	form.addEventListener('submit', onLeave);
	window.addEventListener('offline', onLeave);
	window.addEventListener('pagehide', onLeave);
	document.addEventListener('visibilitychange', onVisibility);
	register(key, keeper);
	void restore(key);

	return {
		update(next) {
			if (next.key === key) {
				params = next;
				return;
			}
			// Another record on the same page (the form is reused): finish the old draft, then load the new one.
			void saveNow();
			params = next;
			unregister(key, keeper);
			key = next.key;
			dirty = false;
			touched.clear();
			register(key, keeper);
			void restore(key);
		},
		destroy() {
			// Navigating away within the 500 ms wait must not lose the last words typed.
			void saveNow();
			destroyed = true;
			unregister(key, keeper);
			form.removeEventListener('input', onEdit);
			form.removeEventListener('change', onEdit);
			form.removeEventListener('submit', onLeave);
			window.removeEventListener('offline', onLeave);
			window.removeEventListener('pagehide', onLeave);
			document.removeEventListener('visibilitychange', onVisibility);
		}
	};
};

/**
 * Call after the server accepted the form. Also drops any pending save for this key, which would otherwise
 * re-create the draft a moment later.
 */
export function clearDraftOnSuccess(key: string): Promise<void> {
	for (const keeper of keepers.get(key) ?? []) keeper.forget();
	return deleteDraft(key);
}

/** For changes that fire no input or change event on the form, such as removing a photo with a button. */
export function saveDraftSoon(key: string): void {
	for (const keeper of keepers.get(key) ?? []) keeper.saveSoon();
}

/**
 * Puts restored photos back into an <input type="file"> so a plain form submit (no JavaScript enhancement)
 * still sends them. Returns false where DataTransfer cannot be constructed (Safari before 14.1); the page
 * then has to send its photos through FormData itself.
 */
export function setInputFiles(input: HTMLInputElement, files: readonly File[]): boolean {
	try {
		const transfer = new DataTransfer();
		for (const file of files) transfer.items.add(file);
		input.files = transfer.files;
		return true;
	} catch {
		return false;
	}
}
