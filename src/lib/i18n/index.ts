import { vi, type MessageKey } from './vi';

export type { MessageKey };

/** The whole catalogue on the server; in the browser, the messages its loaded modules named (see `addMessages`). */
const messages: Partial<Record<string, string>> = { ...vi };

/** Looks up a Vietnamese message and fills {placeholders}. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	const template = messages[key];
	if (template === undefined) {
		console.error(`[i18n] no message ${key} in this page's modules`);
		return key;
	}
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has a message for a key built at run time (a level code, say). */
export function hasMessage(key: string): key is MessageKey {
	return Object.hasOwn(messages, key);
}

/**
 * Called by each browser module for the messages it names (the build's messages-per-module step writes the call),
 * so a page downloads only the words it can show.
 */
export function addMessages(named: Record<string, string>): void {
	Object.assign(messages, named);
}
