import type { ParamMatcher } from '@sveltejs/kit';

/** The lists behind /so-lieu that download as .xlsx (server/exports/lists.ts). */
export const match: ParamMatcher = (param): param is 'sang-kien' | 'doi-hinh' | 'diem' =>
	param === 'sang-kien' || param === 'doi-hinh' || param === 'diem';
