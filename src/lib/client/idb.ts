/**
 * IndexedDB in promises, for the page and the service worker alike (no DOM). A database is opened on first use
 * and opened again after the browser closed it (another tab upgrading, site data cleared).
 */

/** Safari has been known to leave indexedDB.open pending forever; nothing kept on the phone may wait on that. */
const OPEN_TIMEOUT_MS = 3000;

export interface Database {
	/** Resolves when the transaction commits, not when the request succeeds, so "saved" means on disk. */
	run<T>(storeName: string, mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<T>): Promise<T>;
}

export function database(name: string, version: number, stores: Record<string, IDBObjectStoreParameters>): Database {
	let opening: Promise<IDBDatabase> | null = null;

	function open(): Promise<IDBDatabase> {
		opening ??= new Promise<IDBDatabase>((resolve, reject) => {
			if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
			const timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS);
			const request = indexedDB.open(name, version);
			request.onupgradeneeded = () => {
				for (const [storeName, options] of Object.entries(stores))
					if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName, options);
			};
			request.onsuccess = () => {
				clearTimeout(timer);
				const db = request.result;
				db.onversionchange = () => {
					db.close();
					opening = null;
				};
				db.onclose = () => {
					opening = null;
				};
				resolve(db);
			};
			request.onerror = () => {
				clearTimeout(timer);
				reject(request.error ?? new Error('IndexedDB failed to open'));
			};
		}).catch((error: unknown) => {
			// Do not remember a failure: storage may come back (quota freed, a transient lock released).
			opening = null;
			throw error;
		});
		return opening;
	}

	return {
		async run(storeName, mode, operation) {
			const db = await open();
			return new Promise((resolve, reject) => {
				const tx = db.transaction(storeName, mode);
				const request = operation(tx.objectStore(storeName));
				tx.oncomplete = () => resolve(request.result);
				tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB transaction failed'));
				tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
			});
		}
	};
}
