/** The set name the stand-in reports in `hello`, so URIs can name it as for a real replica set. */
export const STANDIN_REPLICA_SET = 'rs0';

/**
 * The URI the stand-in prints for `host:port`: no database in the path (append one, or pass `dbName`),
 * and the replica-set name, so the driver discovers it exactly as it does a one-node MongoDB replica set.
 */
export function standinUri(address: string): string {
  return `mongodb://${address}/?replicaSet=${STANDIN_REPLICA_SET}`;
}
