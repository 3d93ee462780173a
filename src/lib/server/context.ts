import type { Actor } from '../domain/permissions';
import type { MessageKey } from '../i18n';
import type { Config } from './config';
import type { Db } from './db/client';
import type { LivePublisher } from './realtime/types';
import type { LeaderboardStore } from './scoring/store';

/** Why a service refuses to go on: the caller should not be here, or the thing is not there. */
export type Refusal = 'forbidden' | 'notFound';

/** What an application service needs to know about the request that calls it. */
export interface ServiceContext {
	db: Db;
	actor: Actor | null;
	now: number;
	ipHash: string | null;
	requestId: string | null;
	/**
	 * Ends the request when a service refuses (see auth/authorize.ts). The HTTP edge turns it into a 403/404
	 * page; elsewhere (commands, tests) an AccessDenied error is thrown.
	 */
	deny?: (refusal: Refusal, message?: MessageKey) => never;
}

/** Services that also move boards, push to sockets or read settings get the process's parts too. */
export interface AppContext extends ServiceContext {
	config: Config;
	boards: LeaderboardStore;
	live: LivePublisher | null;
}
