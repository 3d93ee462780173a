import { z } from 'zod';
import { idField } from './fields';
import { day } from './campaign';

/** A unit joins the campaign on a day (the page fills in today). */
export const joinUnitSchema = z.object({ unitId: idField, joinedOn: day });
export type JoinUnitForm = z.output<typeof joinUnitSchema>;

/** A joined unit leaves the campaign. */
export const leaveUnitSchema = z.object({ unitId: idField });
