import { z } from 'zod';
import { idField } from './fields';
import { t } from '../i18n';

export const addCouncilMemberSchema = z.object({
	unitId: idField,
	identifier: z
		.string({ error: t('council.identifierInvalid') })
		.trim()
		.min(1, t('council.identifierInvalid'))
		.max(254, t('council.identifierInvalid'))
});

export const removeCouncilMemberSchema = z.object({ unitId: idField, personId: idField });
