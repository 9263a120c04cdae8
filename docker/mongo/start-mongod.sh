#!/bin/bash
# Entrypoint of the `mongo` service. mongod refuses a keyFile readable by others and Compose mounts
# secrets with the host file's mode, so the key is copied where only mongod's user can read it.
set -euo pipefail
install -m 0400 -o mongodb -g mongodb /run/secrets/mongo_keyfile /etc/mongo-keyfile
exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile /etc/mongo-keyfile
