import { z } from 'zod';
import { idField, nameField, optionalNameField } from './fields';
import { t } from '../i18n';

export const UNIT_NAME_MAX = 120;
export const UNIT_SHORT_NAME_MAX = 40;

export const createUnitSchema = z.object({
	parentId: idField,
	name: nameField('admin.unit.name', UNIT_NAME_MAX),
	shortName: optionalNameField('admin.unit.shortName', UNIT_SHORT_NAME_MAX),
	level: z.string({ error: t('unitError.unknownLevel') }).regex(/^[a-z_]{2,30}$/, t('unitError.unknownLevel'))
});

export const renameUnitSchema = z.object({
	name: nameField('admin.unit.name', UNIT_NAME_MAX),
	shortName: optionalNameField('admin.unit.shortName', UNIT_SHORT_NAME_MAX)
});

const confirmed = z.literal('on', { error: t('validation.confirmRequired') });

export const moveUnitSchema = z.object({ newParentId: idField });
export const mergeUnitSchema = z.object({ survivorId: idField, confirm: confirmed });
export const retireUnitSchema = z.object({ confirm: confirmed });
