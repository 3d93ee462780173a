import type { Actor } from '../domain/permissions';
import type { Db } from './db/client';

/** What an application service needs to know about the request that calls it. */
export interface ServiceContext {
	db: Db;
	actor: Actor | null;
	now: number;
	ipHash: string | null;
	requestId: string | null;
}
