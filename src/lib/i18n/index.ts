import { vi, type MessageKey } from './vi';

export type { MessageKey };

/** Looks up a Vietnamese message and fills {placeholders}. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	const template: string = vi[key];
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has a message for a key built at run time (a level code, say). */
export function hasMessage(key: string): key is MessageKey {
	return Object.hasOwn(vi, key);
}
