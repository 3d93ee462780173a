/**
 * The one list of socket events, payloads and rooms, imported by the server and the browser.
 * Clients only listen: nothing a client emits can change data.
 */
export interface ServerToClientEvents {
	/** Sent once on connect so the client knows which build it talks to (a reload is due when it changes). */
	'app:hello': (payload: { version: string; signedIn: boolean }) => void;
}

// Deliberately empty: joining rooms and every data change go through authorised HTTP routes.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
	personId: number | null;
	sessionId: string | null;
}

export const ROOMS = {
	public: 'public',
	person: (personId: number) => `person:${personId}`,
	session: (sessionId: string) => `session:${sessionId}`
} as const;

export const SOCKET_PATH = '/socket.io';
