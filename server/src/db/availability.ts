import mongoose from 'mongoose';

/** Driver and mongoose errors that mean "the database cannot be reached now", not "this request is wrong". */
const unavailableErrorNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

/** Whether `error` (or its cause) says the database is unreachable; such requests answer 503. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const candidate = error as { name?: string; message?: string; cause?: unknown; reason?: unknown };
  if (candidate.name && unavailableErrorNames.has(candidate.name)) return true;
  // mongoose queues operations while disconnected and gives up with this message.
  if (candidate.name === 'MongooseError' && /buffering timed out/.test(candidate.message ?? '')) return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}

/** Whether the database answers a `ping` within `timeoutMs`. */
export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  const database = mongoose.connection.db;
  if (!database || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ping = database
    .admin()
    .command({ ping: 1 }, { timeoutMS: timeoutMs })
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
