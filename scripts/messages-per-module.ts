import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const CATALOGUE = fileURLToPath(new URL('../src/lib/i18n/vi.ts', import.meta.url));
const LOOKUP = fileURLToPath(new URL('../src/lib/i18n/index.ts', import.meta.url));

/**
 * The catalogue's keys a module names: each quoted string that is a key, and every key under a template's fixed
 * prefix (`report.status.${status}` names all of `report.status.*`).
 */
export function keysNamedIn(code: string, catalogue: Record<string, string>): string[] {
	const keys = Object.keys(catalogue);
	const named = new Set<string>();
	for (const [, , text] of code.matchAll(/(['"`])([A-Za-z]\w*(?:\.[\w-]+)+)\1/g)) if (Object.hasOwn(catalogue, text!)) named.add(text!);
	for (const [, prefix] of code.matchAll(/`([A-Za-z]\w*(?:\.[\w-]+)*\.)\$\{/g))
		for (const key of keys) if (key.startsWith(prefix!)) named.add(key);
	return [...named].sort();
}

/**
 * The browser gets only the messages its modules name: each module of the client build carries the messages it
 * names and hands them to `t` as it loads, and the catalogue itself ships empty. A page then downloads the words of
 * the components it shows, not the whole catalogue (the audit log's, the mail's and the importers' messages stay
 * on the server). The server and the tests keep the whole catalogue.
 */
export function messagesPerModule(): Plugin {
	let catalogue: Record<string, string> = {};
	return {
		name: 'tienphong-messages-per-module',
		apply: 'build',
		enforce: 'post',
		applyToEnvironment: (environment) => environment.name === 'client',
		async buildStart() {
			catalogue = (await import('../src/lib/i18n/vi.ts')).vi;
		},
		transform(code, id) {
			const file = id.split('?')[0]!;
			if (file === CATALOGUE) return { code: 'export const vi = {};', map: null };
			if (file === LOOKUP || file.includes('/node_modules/')) return null;
			const keys = keysNamedIn(code, catalogue);
			if (!keys.length) return null;
			const messages = JSON.stringify(Object.fromEntries(keys.map((key) => [key, catalogue[key]])));
			return {
				code: `import { addMessages as __addMessages } from ${JSON.stringify(LOOKUP)};\n__addMessages(${messages});\n${code}`,
				map: null
			};
		}
	};
}
