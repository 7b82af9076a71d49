#!/bin/bash
# One-off database set-up for docker-compose.yml: the database and two logins that are not sa.
#   migrator: db_ddladmin + data (runs the "migrate" command, which also creates Hangfire's schema)
#   app:      db_datareader + db_datawriter (+ EXECUTE), no schema changes; the audit table gets
#             no UPDATE or DELETE, so the app cannot rewrite history even if it tried.
# Idempotent: safe to run on every "docker compose up".
set -euo pipefail
sqlcmd=(/opt/mssql-tools18/bin/sqlcmd -S sqlserver -U sa -P "$MSSQL_SA_PASSWORD" -C -b)

"${sqlcmd[@]}" -v DbName="$DB_NAME" MigratorLogin="$DB_MIGRATOR_LOGIN" MigratorPassword="$DB_MIGRATOR_PASSWORD" \
  AppLogin="$DB_APP_LOGIN" AppPassword="$DB_APP_PASSWORD" -Q "
IF DB_ID(N'\$(DbName)') IS NULL CREATE DATABASE [\$(DbName)];
IF SUSER_ID(N'\$(MigratorLogin)') IS NULL CREATE LOGIN [\$(MigratorLogin)] WITH PASSWORD = N'\$(MigratorPassword)', CHECK_POLICY = ON;
ELSE ALTER LOGIN [\$(MigratorLogin)] WITH PASSWORD = N'\$(MigratorPassword)';
IF SUSER_ID(N'\$(AppLogin)') IS NULL CREATE LOGIN [\$(AppLogin)] WITH PASSWORD = N'\$(AppPassword)', CHECK_POLICY = ON;
ELSE ALTER LOGIN [\$(AppLogin)] WITH PASSWORD = N'\$(AppPassword)';
"

"${sqlcmd[@]}" -d "$DB_NAME" -v MigratorLogin="$DB_MIGRATOR_LOGIN" AppLogin="$DB_APP_LOGIN" -Q "
IF USER_ID(N'\$(MigratorLogin)') IS NULL CREATE USER [\$(MigratorLogin)] FOR LOGIN [\$(MigratorLogin)];
ALTER ROLE db_ddladmin ADD MEMBER [\$(MigratorLogin)];
ALTER ROLE db_datareader ADD MEMBER [\$(MigratorLogin)];
ALTER ROLE db_datawriter ADD MEMBER [\$(MigratorLogin)];
GRANT CREATE SCHEMA TO [\$(MigratorLogin)];
IF USER_ID(N'\$(AppLogin)') IS NULL CREATE USER [\$(AppLogin)] FOR LOGIN [\$(AppLogin)];
ALTER ROLE db_datareader ADD MEMBER [\$(AppLogin)];
ALTER ROLE db_datawriter ADD MEMBER [\$(AppLogin)];
GRANT EXECUTE TO [\$(AppLogin)];
IF OBJECT_ID(N'dbo.AuditEntries') IS NOT NULL DENY UPDATE, DELETE ON dbo.AuditEntries TO [\$(AppLogin)];
"
echo "Database $DB_NAME ready: logins $DB_MIGRATOR_LOGIN (schema changes) and $DB_APP_LOGIN (data only)."
