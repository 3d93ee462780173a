import { z } from 'zod';
import { t, type MessageKey } from '../i18n';
import { normaliseLine } from '../text';
import { normaliseEmail, normalisePhone } from '../domain/people/contact';

/**
 * A one-line name typed by a person: NFC, whitespace collapsed, bounded, and free of markup and control
 * characters. Names are shown everywhere (boards, big screen, sockets), so they are refused rather than escaped.
 */
export function nameField(fieldKey: MessageKey, max: number) {
	const field = t(fieldKey);
	return z
		.string({ error: t('validation.required', { field }) })
		.transform(normaliseLine)
		.refine((v) => v.length > 0, t('validation.required', { field }))
		.refine((v) => [...v].length <= max, t('validation.tooLong', { field, max }))
		.refine((v) => !/[<>]/.test(v), t('validation.angleBrackets', { field }))
		.refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), t('validation.controlChars', { field }));
}

export function optionalNameField(fieldKey: MessageKey, max: number) {
	return z
		.string()
		.optional()
		.transform((v) => (v === undefined ? '' : normaliseLine(v)))
		.pipe(z.union([z.literal(''), nameField(fieldKey, max)]));
}

/** A positive integer id from a form; anything else (negative, decimal, "1e3", text) is refused. */
export const idField = z
	.string({ error: t('validation.invalidChoice') })
	.regex(/^[1-9]\d{0,15}$/, t('validation.invalidChoice'))
	.transform(Number);

/** An id from a form field or the query string, 0 when it is anything else (the services then find nothing). */
export function idParam(value: FormDataEntryValue | string | null | undefined): number {
	return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0;
}

export const optionalPhone = z
	.string()
	.optional()
	.transform((v, ctx) => {
		const raw = (v ?? '').trim();
		if (!raw) return null;
		const phone = normalisePhone(raw);
		if (!phone) {
			ctx.addIssue({ code: 'custom', message: t('validation.invalidPhone') });
			return z.NEVER;
		}
		return phone;
	});

export const optionalEmail = z
	.string()
	.optional()
	.transform((v, ctx) => {
		const raw = (v ?? '').trim();
		if (!raw) return null;
		const email = normaliseEmail(raw);
		if (!email) {
			ctx.addIssue({ code: 'custom', message: t('validation.invalidEmail') });
			return z.NEVER;
		}
		return email;
	});

export type FieldErrors = Record<string, string>;

/** `values` are the submitted strings, returned with any error so the form refills. */
export type Parsed<T> =
	{ ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Reads only the schema's own fields from a form, so extra fields (status=approved, role=...) never reach a service. */
export function parseForm<S extends z.ZodObject>(schema: S, form: FormData): Parsed<z.output<S>> {
	const values: Record<string, string> = {};
	for (const key of Object.keys(schema.shape)) {
		const v = form.get(key);
		if (typeof v === 'string') values[key] = v;
	}
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? '_');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors, values };
}
