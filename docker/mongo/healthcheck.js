/* global fs, db, rs, quit */
// Health check of the `mongo` service (mongosh, as root from Docker secrets): initiates the one-node
// replica set on first start, then reports healthy once this node is the writable primary.
const secret = (name) => fs.readFileSync(`/run/secrets/${name}`, 'utf8').trim();
db.getSiblingDB('admin').auth(secret('mongo_root_username'), secret('mongo_root_password'));
try {
  rs.status();
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
}
if (!db.hello().isWritablePrimary) quit(1);
