#!/bin/sh
# Runs once, when the PostgreSQL container initializes an empty data volume (docker-entrypoint-initdb.d).
# Creates the application's login: not a superuser, owner of the application database only, so the app
# can apply its migrations and Hangfire can create its "hangfire" schema there, and nothing else.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE tace_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
CREATE DATABASE scheduling OWNER tace_app ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE scheduling FROM PUBLIC;
SQL
