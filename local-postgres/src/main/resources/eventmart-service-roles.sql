-- EventMart's database roles: one login role per service that owns exactly one schema and can use nothing else
-- (docs/architecture.md#services-schemas-and-ports). This file is the one definition of them, run wherever the
-- platform runs, so every mode connects each service the same way:
--   * docker compose: the postgres image runs it with psql against POSTGRES_DB (eventmart) when its data volume is
--     empty (docker-compose.yml mounts this file; `docker compose down -v` wipes the volume);
--   * the local run, the benchmarks and the fault harness: local-postgres runs it over JDBC on the databases it
--     creates (LocalPostgres), or the scripts run it with psql on the database of a server DB_URL names
--     (scripts/lib/stack.sh, apply_service_roles);
--   * the tests: test-support runs it over JDBC on each test JVM's database (TestDatabase) and logs each service in
--     as its role.
-- Why plain SQL in one DO block: the embedded server (local-postgres, binaries from Maven Central) comes without
-- psql, so this must run over JDBC as well as through psql; a Java definition could not be mounted into the
-- postgres image. ServiceRoles (local-postgres) and scripts/lib/stack.sh read the rows of the VALUES list below to
-- give each service its login (DB_USERNAME, DB_PASSWORD): keep one row a line, in the form they have.
--
-- Running it again changes nothing but the passwords, which it sets again: roles are created only if missing (they
-- are cluster-wide, so another database on the same server may have created them already), schemas if they do not
-- exist; tables another user made in a service's schema are handed to the service's role. It grants on the database it runs in (current_database()): run it once in every database the services use.
-- It needs an admin of the server (a superuser such as postgres).
--
-- The setting eventmart.role_suffix (default empty) is appended to every role name. The test that checks this file
-- on a shared server (DatabaseInitScriptIntegrationTests in deployment-tests) gives its roles a suffix of its own
-- and drops them afterwards:
--     PGOPTIONS='-c eventmart.role_suffix=_t123' psql -v ON_ERROR_STOP=1 -d <database> -f eventmart-service-roles.sql
--
-- The passwords are demo values for a local stack; docker-compose.yml gives each service the same ones
-- (DB_USERNAME / DB_PASSWORD), and deployment-tests hold the two files together.

DO $$
DECLARE
    suffix text := coalesce(current_setting('eventmart.role_suffix', true), '');
    service record;
    login text;
    object record;
BEGIN
    -- Nobody may connect to this database or create anything in its public schema unless granted below; the admin
    -- running this keeps its rights.
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;

    FOR service IN SELECT * FROM (VALUES
        -- (application, role, schema, password)
        ('order-service', 'order_service', 'orders', 'order-service-demo'),
        ('inventory-service', 'inventory_service', 'inventory', 'inventory-service-demo'),
        ('payment-service', 'payment_service', 'payments', 'payment-service-demo'),
        ('notification-service', 'notification_service', 'notifications', 'notification-service-demo'),
        ('analytics-service', 'analytics_service', 'analytics', 'analytics-service-demo')
    ) AS definition (application, role_name, schema_name, role_password)
    LOOP
        login := service.role_name || suffix;
        -- A login role that owns exactly one schema: Flyway (spring.flyway.schemas) finds the schema there and
        -- creates its tables in it; other roles get no usage on it, so they can neither read nor create inside.
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I', login);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile from another database of this server
            END;
        END IF;
        EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L',
                       login, service.role_password);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service.schema_name, login);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service.schema_name, login);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service.schema_name);
        -- A schema an earlier setup filled as another user (the superuser, before every mode gave the services roles
        -- of their own: e.g. the local run's kept data): its tables become the role's too, so the service can use
        -- what its migrations made. A table takes its indexes and its own sequences with it.
        FOR object IN
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                       ELSE 'TABLE' END AS kind,
                   c.oid::regclass::text AS name
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = service.schema_name
              AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND pg_get_userbyid(c.relowner) <> login
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                       AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
        LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, login);
        END LOOP;
        EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', login, current_database(),
                       service.schema_name);
        RAISE NOTICE 'role % owns schema %', login, service.schema_name;
    END LOOP;
END
$$;
