/**
 * What the phone's outbox (lib/client/outbox.ts) and the server agree on. A save kept for later says whose it
 * was: on a shared phone it may go out after another person signed in, and must then wait for its author.
 */
export const SENT_FOR_HEADER = 'x-tienphong-sent-for';
/** The status the server answers a save sent for someone other than the person signed in. */
export const SENT_FOR_OTHER_STATUS = 409;
