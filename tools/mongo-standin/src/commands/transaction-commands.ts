import type { CommandContext, CommandTable } from '../command-context.ts';
import { noSuchTransaction } from '../errors.ts';
import type { Document } from '../types.ts';
import type { Transaction } from '../transactions.ts';

function currentTransaction(context: CommandContext): Transaction {
  if (!context.transaction)
    throw noSuchTransaction(`${context.name} must be run within a transaction (autocommit: false)`);
  return context.transaction;
}

/** Applies the transaction atomically; a retried commit of a committed transaction succeeds again. */
function commitTransaction(context: CommandContext): Document {
  const transaction = currentTransaction(context);
  if (transaction.state !== 'committed') context.transactions.commit(transaction);
  return { ok: 1 };
}

/** Discards the transaction's changes. */
function abortTransaction(context: CommandContext): Document {
  context.transactions.abort(currentTransaction(context));
  return { ok: 1 };
}

/** Transaction control commands (the transaction itself is resolved by the dispatcher). */
export const transactionCommands: CommandTable = {
  commitTransaction,
  abortTransaction,
};
