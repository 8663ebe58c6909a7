-- PostgreSQL with two roles: the owner runs migrations (and the access-log purge); the application
-- connects as a role that owns nothing, so it cannot alter or drop a table or its triggers, and
-- may only read and append to the access log.
--
-- Checked on PostgreSQL 15 by tests/ops/test_postgresql_roles.py (every CI run): as beraad_app, INSERT into audit_accesslog works; UPDATE, DELETE and
-- TRUNCATE are refused ("permission denied"); ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER and
-- DROP TABLE are refused ("must be owner"); CREATE TABLE and SET session_replication_role are
-- refused. The application (pages, loaddemo, import_deliberation, verify_access_log) works as
-- beraad_app.
--
-- Both processes need the same BERAAD_AUDIT_KEY (the migration seals existing entries with it).

-- 1. Once, as a superuser. Choose real passwords.
CREATE ROLE beraad_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE beraad_app LOGIN PASSWORD 'change-me-app' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE DATABASE beraad OWNER beraad_owner;

-- 2. As beraad_owner, after every `manage.py migrate` (run with DATABASE_URL for beraad_owner).
--    Idempotent: new tables from a migration get the application's rights, and the access log
--    stays append-only for it.
REVOKE ALL ON DATABASE beraad FROM PUBLIC;
GRANT CONNECT ON DATABASE beraad TO beraad_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO beraad_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO beraad_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO beraad_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER
    ON audit_accesslog, audit_accessloganchor FROM beraad_app;

-- 3. The web server, workers and cron jobs use DATABASE_URL=postgres://beraad_app:…@host/beraad;
--    their `db_worker` runs with `--exclude-queues owner`.
--    `migrate`, `purge_access_log` and the daily `db_worker --queue-name owner --batch` (the
--    access-log purge that `run_periodic` queues) use DATABASE_URL=postgres://beraad_owner:…@host/beraad.
