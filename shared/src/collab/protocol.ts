/** Websocket close codes of the collaboration server, shared so the client can say why it was closed. */
export const CollabCloseCode = {
  /** The session ended or was revoked: sign in again. */
  unauthenticated: 4401,
  /** The caller lost access to this space (removed from the team, audience or consent changed). */
  accessRevoked: 4403,
  /** The space no longer exists. */
  notFound: 4404,
  /** The caller's access level changed (e.g. now read-only): reconnect to get the new one. */
  accessChanged: 4409,
  /** A frame could not be decoded. */
  malformedMessage: 4400,
  /** A frame exceeded the size limit. */
  messageTooLarge: 4413,
  /** The client could not keep up (its outgoing queue overflowed) or stopped answering pings. */
  tooSlow: 4408,
  /** The server is shutting down; reconnecting later is fine. */
  serverShutdown: 4503,
  /** The database cannot take more edits of this document for now; the client keeps them and retries. */
  savingUnavailable: 4507,
  /** The document reached its size limit: the edit that would exceed it is refused (reading still works). */
  documentTooLarge: 4414,
} as const;

/** Close codes after which reconnecting cannot succeed: the client stops and explains. */
export const finalCloseCodes: readonly number[] = [
  CollabCloseCode.unauthenticated,
  CollabCloseCode.accessRevoked,
  CollabCloseCode.notFound,
];

/** Limits of the collaboration server. */
export const collabLimits = {
  /** Largest websocket frame accepted, in bytes. */
  maxMessageBytes: 4 * 1024 * 1024,
  /** Outgoing bytes queued for one slow connection before it is closed. */
  maxQueuedBytes: 16 * 1024 * 1024,
  /** Incoming frames held for a connection while its document loads. */
  maxPendingMessages: 200,
  /** Interval of server pings; a connection silent for three intervals is closed. */
  pingIntervalMs: 20_000,
  /** Largest encoded state of one document; a snapshot must stay well under MongoDB's 16 MiB. */
  maxDocumentBytes: 8 * 1024 * 1024,
  /** Edits of one document kept in memory while the database cannot store them; past this, refused. */
  maxUnsavedBytes: 16 * 1024 * 1024,
  /** Largest presence state (cursor, name, colour) one client may publish, in bytes of JSON. */
  maxPresenceStateBytes: 2048,
  /** Presence client ids one connection may speak for (one per tab; a reload keeps its id). */
  maxPresenceIdsPerConnection: 4,
} as const;

/**
 * A message type of our own beside y-websocket's sync (0) and awareness (1): the server tells editors
 * whether their edits are being saved. Payload: one varuint, a {@link SavingState}.
 */
export const savingMessageType = 100;

/** Whether the server's copy of a document is stored (`saved`) or waiting for the database (`delayed`). */
export const SavingState = { saved: 0, delayed: 1 } as const;

/** Path prefix of collaboration websockets: `/collab/<spaceId>`. */
export const collabPathPrefix = '/collab/';
