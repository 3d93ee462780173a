import { z } from 'zod';
import { idField, nameField, optionalEmail, optionalNameField, optionalPhone } from './fields';
import { t } from '../i18n';
import { ROLES } from '../domain/permissions';

export const createPersonSchema = z
	.object({
		fullName: nameField('admin.person.fullName', 80),
		displayName: optionalNameField('admin.person.displayName', 40),
		birthYear: z
			.string()
			.optional()
			.transform((v, ctx) => {
				const raw = (v ?? '').trim();
				if (!raw) return null;
				const year = Number(raw);
				if (!/^\d{4}$/.test(raw) || year < 1940 || year > new Date().getFullYear()) {
					ctx.addIssue({ code: 'custom', message: t('validation.invalidYear') });
					return z.NEVER;
				}
				return year;
			}),
		phone: optionalPhone,
		email: optionalEmail,
		unitId: idField,
		role: z.enum(ROLES, { error: t('validation.invalidChoice') })
	})
	.refine((v) => v.phone !== null || v.email !== null, { message: t('validation.contactRequired'), path: ['phone'] });

export const grantRoleSchema = z.object({
	unitId: idField,
	role: z.enum(ROLES, { error: t('validation.invalidChoice') }),
	/** Empty: every campaign. */
	campaignId: z.union([z.literal('').transform(() => null), idField]).default(null)
});
