import { z } from 'zod';
import { nameField, optionalNameField, optionalPhone } from './fields';
import { t } from '../i18n';
import { UNIT_NAME_MAX, UNIT_SHORT_NAME_MAX } from './unit';
import { PASSWORD_MAX_LENGTH } from '../domain/auth/password-policy';

/**
 * A username people can type on a phone and that the login box reads as a username: it needs a letter, or
 * "0912345678" would be taken for a phone number.
 */
const usernameField = z
	.string({ error: t('validation.required', { field: t('setup.username') }) })
	.transform((v) => v.normalize('NFC').trim().toLowerCase())
	.refine((v) => v.length > 0, t('validation.required', { field: t('setup.username') }))
	.refine((v) => /^[a-z0-9._-]{3,40}$/.test(v) && /[a-z]/.test(v), t('setup.usernameInvalid'));

/** The first-run form: the root unit and its first province admin. The password policy is applied by the service. */
export const firstRunSchema = z.object({
	unitName: nameField('admin.unit.name', UNIT_NAME_MAX),
	unitShortName: optionalNameField('admin.unit.shortName', UNIT_SHORT_NAME_MAX),
	level: z.string({ error: t('unitError.unknownLevel') }).regex(/^[a-z_]{2,30}$/, t('unitError.unknownLevel')),
	fullName: nameField('admin.person.fullName', 80),
	username: usernameField,
	phone: optionalPhone,
	password: z.string({ error: t('password.too_short') }).max(PASSWORD_MAX_LENGTH * 4, t('password.too_long')),
	confirm: z.string({ error: t('auth.setPassword.mismatch') }).max(PASSWORD_MAX_LENGTH * 4, t('password.too_long'))
});

export type FirstRunInput = z.output<typeof firstRunSchema>;
