import mongoose, { type ClientSession } from 'mongoose';

/**
 * Runs `work` as one MongoDB transaction: every write inside that is given `session` happens, or none
 * does. `work` may run again on a transient error (a write conflict): keep side effects (events,
 * notifications) out of it, after the transaction.
 */
export function inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  return mongoose.connection.transaction(work);
}
