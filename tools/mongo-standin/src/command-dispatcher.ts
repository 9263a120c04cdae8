import { toInteger } from './command-fields.ts';
import type { CommandContext, CommandHandler, ServerServices } from './command-context.ts';
import { openCollection } from './collection-access.ts';
import { catalogCommands } from './commands/catalog.ts';
import { findAndModifyCommands } from './commands/find-and-modify.ts';
import { handshakeCommands } from './commands/handshake.ts';
import { indexCommands } from './commands/indexes.ts';
import { readCommands } from './commands/reads.ts';
import { transactionCommands } from './commands/transaction-commands.ts';
import { writeCommands } from './commands/writes.ts';
import { canonicalKey } from './document-values.ts';
import { asCommandError, commandNotFound, CommandError, failedToParse } from './errors.ts';
import { DocumentLocked, type Transaction } from './transactions.ts';
import { isDocument, type Document } from './types.ts';

/** Where a command came from. */
export interface CommandOrigin {
  readonly connectionId: number;
  /** Sent as legacy OP_QUERY, which mongod only still accepts for the handshake. */
  readonly legacy: boolean;
}

const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);
// In mongod any failed write aborts the surrounding transaction.
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

/** Routes decoded commands to their handlers and turns every failure into an error reply. */
export class CommandDispatcher {
  private readonly handlers = new Map<string, CommandHandler>(
    Object.entries({
      ...handshakeCommands,
      ...catalogCommands,
      ...indexCommands,
      ...readCommands,
      ...writeCommands,
      ...findAndModifyCommands,
      ...transactionCommands,
    }),
  );

  constructor(private readonly services: ServerServices) {}

  /**
   * Executes one command document; never rejects. A command that changed data replies only once its
   * changes are in the journal (an acknowledged write survives a crash).
   */
  async run(command: Document, origin: CommandOrigin): Promise<Document> {
    const { store } = this.services;
    const changesBefore = store.changeCount;
    const reply = await this.execute(command, origin);
    if (store.changeCount === changesBefore) return reply;
    try {
      await store.changes.sync();
    } catch (error) {
      return asCommandError(error).toResponse();
    }
    return reply;
  }

  private async execute(command: Document, origin: CommandOrigin): Promise<Document> {
    const name = Object.keys(command)[0] ?? '';
    if (origin.legacy && !HANDSHAKE_COMMANDS.has(name)) {
      return new CommandError(
        352,
        'UnsupportedOpQueryCommand',
        `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
      ).toResponse();
    }
    const handler = this.handlers.get(name);
    if (!handler) return commandNotFound(name).toResponse();
    let transaction: Transaction | undefined;
    try {
      transaction = this.resolveTransaction(name, command);
      const reply = await handler(this.contextFor(name, command, origin, transaction));
      const writeErrors = reply['writeErrors'];
      if (transaction && Array.isArray(writeErrors) && writeErrors.length > 0)
        this.services.transactions.abort(transaction);
      return reply;
    } catch (error) {
      if (transaction && WRITE_COMMANDS.has(name)) this.services.transactions.abort(transaction);
      return asCommandError(error).toResponse();
    }
  }

  private contextFor(
    name: string,
    command: Document,
    origin: CommandOrigin,
    transaction: Transaction | undefined,
  ): CommandContext {
    const databaseName = typeof command['$db'] === 'string' ? command['$db'] : 'admin';
    const { store, transactions } = this.services;
    const maxTimeMS = toInteger(command['maxTimeMS']) ?? 0;
    const deadline = maxTimeMS > 0 ? Date.now() + maxTimeMS : undefined;
    return {
      ...this.services,
      name,
      command,
      databaseName,
      connectionId: origin.connectionId,
      transaction,
      deadline,
      collection: (collectionName) =>
        openCollection(store, transactions, transaction, databaseName, collectionName),
      retryWhileLocked: async (work) => {
        for (;;) {
          try {
            return work();
          } catch (error) {
            if (!(error instanceof DocumentLocked)) throw error;
            await transactions.waitForRelease(error.holder, deadline);
          }
        }
      },
    };
  }

  /** Commands with `autocommit: false` belong to a transaction; `txnNumber` alone marks a retryable write. */
  private resolveTransaction(name: string, command: Document): Transaction | undefined {
    if (command['autocommit'] !== false) return undefined;
    const session = command['lsid'];
    const txnNumber = toInteger(command['txnNumber']);
    if (!isDocument(session) || txnNumber === undefined) {
      throw failedToParse('autocommit: false requires both lsid and txnNumber');
    }
    const sessionKey = canonicalKey(session['id']);
    return command['startTransaction'] === true
      ? this.services.transactions.begin(sessionKey, txnNumber)
      : this.services.transactions.resume(sessionKey, txnNumber, name);
  }
}
