import type { Document } from './types.ts';

/** Label telling drivers (and `withTransaction`) that retrying the whole transaction may succeed. */
export const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError';

/** A MongoDB server error: rendered as `{ ok: 0, code, codeName, errmsg }` or as one entry of `writeErrors`. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly details: Document = {},
    readonly errorLabels: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CommandError';
  }

  /** The command-level reply for this error. */
  toResponse(): Document {
    const response: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName };
    Object.assign(response, this.details);
    if (this.errorLabels.length > 0) response['errorLabels'] = [...this.errorLabels];
    return response;
  }

  /** The `writeErrors[]` entry for the statement at `index` of a write batch. */
  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.details };
  }
}

/** Reply for any command the stand-in does not implement, so callers never mistake it for success. */
export function commandNotFound(name: string): CommandError {
  return new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
}

/** An argument has an unacceptable value (also used for query/update/pipeline evaluation failures). */
export function badValue(message: string): CommandError {
  return new CommandError(2, 'BadValue', message);
}

/** A command or update document is structurally invalid. */
export function failedToParse(message: string): CommandError {
  return new CommandError(9, 'FailedToParse', message);
}

/** A command field has the wrong BSON type. */
export function typeMismatch(message: string): CommandError {
  return new CommandError(14, 'TypeMismatch', message);
}

/** A feature MongoDB has but the stand-in deliberately does not emulate. */
export function notSupported(what: string): CommandError {
  return new CommandError(115, 'CommandNotSupported', `${what} is not supported by the MongoDB stand-in`);
}

/** The collection (or its index) does not exist. */
export function namespaceNotFound(namespace: string): CommandError {
  return new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${namespace}`);
}

/** `create` was asked for a collection that already exists. */
export function namespaceExists(namespace: string): CommandError {
  return new CommandError(48, 'NamespaceExists', `Collection ${namespace} already exists.`);
}

/** A collection name MongoDB would refuse. */
export function invalidNamespace(message: string): CommandError {
  return new CommandError(73, 'InvalidNamespace', message);
}

/** Attempt to change a document's `_id`. */
export function immutableField(message: string): CommandError {
  return new CommandError(66, 'ImmutableField', message);
}

/** Two transactions (or a transaction and a plain write) touched the same document. */
export function writeConflict(inTransaction: boolean): CommandError {
  return new CommandError(
    112,
    'WriteConflict',
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
    {},
    inTransaction ? [TRANSIENT_TRANSACTION_ERROR] : [],
  );
}

/** The command's `maxTimeMS` elapsed (e.g. while waiting for a transaction's document lock). */
export function maxTimeExpired(): CommandError {
  return new CommandError(50, 'MaxTimeMSExpired', 'operation exceeded time limit');
}

/** The session has no open transaction with the given number (aborted, expired or never started). */
export function noSuchTransaction(message: string): CommandError {
  return new CommandError(251, 'NoSuchTransaction', message, {}, [TRANSIENT_TRANSACTION_ERROR]);
}

/** Reply for any failure that is a bug in the stand-in rather than in the request. */
export function internalError(cause: unknown): CommandError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CommandError(1, 'InternalError', `internal error in the MongoDB stand-in: ${reason}`);
}

/** Converts anything thrown while running a command into a `CommandError`. */
export function asCommandError(error: unknown): CommandError {
  return error instanceof CommandError ? error : internalError(error);
}
