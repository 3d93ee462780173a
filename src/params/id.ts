import type { ParamMatcher } from '@sveltejs/kit';

/** Positive integer ids only, so "/don-vi/abc" or "/don-vi/-1" is a plain 404. */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,15}$/.test(param);
