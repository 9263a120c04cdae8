/* global fs, db */
// Runs once, when the MongoDB volume is empty (docker-entrypoint-initdb.d), before authentication is on:
// creates the server's own user, allowed to read and write the `concerto` database and nothing else.
const password = fs.readFileSync('/run/secrets/concerto_db_password', 'utf8').trim();
db.getSiblingDB('concerto').createUser({
  user: 'concerto',
  pwd: password,
  roles: [{ role: 'readWrite', db: 'concerto' }],
});
