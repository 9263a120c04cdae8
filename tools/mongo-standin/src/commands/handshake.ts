import { ObjectId } from 'bson';
import { canonicalKey } from '../document-values.ts';
import { MAX_BSON_OBJECT_SIZE } from '../document-limits.ts';
import { CommandError } from '../errors.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import { isDocument, type Document } from '../types.ts';

/** Wire version of MongoDB 8.0 (the version the stand-in reports). */
export const MAX_WIRE_VERSION = 25;
/** Largest wire message mongod accepts. */
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;

const SERVER_VERSION = '8.0.0';
// A constant election id: there is only ever one primary.
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * `hello` / `isMaster`: presents a single-node replica-set primary, because drivers and mongod
 * only allow transactions on replica sets. No `topologyVersion` is sent, so drivers poll instead
 * of holding a streaming (exhaust) monitor connection open.
 */
function hello(context: CommandContext): Document {
  const { address } = context.identity;
  const reply: Document = {
    isWritablePrimary: true,
    ismaster: true,
    secondary: false,
    setName: 'rs0',
    setVersion: 1,
    electionId: ELECTION_ID,
    hosts: [address],
    primary: address,
    me: address,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
  if (context.command['helloOk']) reply['helloOk'] = true;
  return reply;
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'mongodb-standin',
    versionArray: [8, 0, 0, 0],
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['standin'],
    ok: 1,
  };
}

const PARAMETERS: Document = {
  featureCompatibilityVersion: { version: '8.0' },
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  cursorTimeoutMillis: 600_000,
};

function getParameter(context: CommandContext): Document {
  const { command } = context;
  if (command['getParameter'] === '*') return { ...PARAMETERS, ok: 1 };
  const requested = Object.keys(command).filter(
    (key) => key !== 'getParameter' && !key.startsWith('$') && key !== 'lsid',
  );
  const reply: Document = {};
  for (const name of requested) if (name in PARAMETERS) reply[name] = PARAMETERS[name];
  if (Object.keys(reply).length === 0) throw new CommandError(72, 'InvalidOptions', 'no option found to get');
  return { ...reply, ok: 1 };
}

function endSessions(context: CommandContext): Document {
  const sessions = context.command['endSessions'];
  const keys = Array.isArray(sessions)
    ? sessions.filter(isDocument).map((session) => canonicalKey(session['id']))
    : [];
  context.transactions.endSessions(keys);
  return { ok: 1 };
}

/** Handshake, diagnostics and session housekeeping commands. */
export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  endSessions,
};
