#!/bin/sh
# Runs once, when the PostgreSQL data directory is first initialised: Keycloak gets its own
# database and owner on the same server as the gateway's.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE keycloak LOGIN PASSWORD '$KEYCLOAK_DB_PASSWORD';
CREATE DATABASE keycloak OWNER keycloak;
SQL
