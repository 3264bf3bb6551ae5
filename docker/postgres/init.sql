-- EventMart's database for docker compose: one schema per service, owned by that service's own role, which can
-- use nothing else (docs/architecture.md#services-schemas-and-ports: "in compose each service also connects with
-- its own database role that is limited to its schema").
--
-- The postgres image runs this once, with psql, against POSTGRES_DB (eventmart) when its data volume is empty;
-- `docker compose down -v` wipes the volume so the next `up` runs it again. It is psql input, not plain SQL: it
-- uses psql variables. Running it twice changes nothing (roles are created only if missing, schemas if not
-- exists); running it again resets the passwords below.
--
-- The psql variable role_suffix (default empty) is appended to every role name. Roles are cluster-wide, so the
-- test that runs this script against a throwaway database on a shared server (DatabaseInitScriptIntegrationTests
-- in deployment-tests) passes a unique suffix and drops its roles afterwards:
--     psql -v ON_ERROR_STOP=1 -v role_suffix=_t123 -d <database> -f docker/postgres/init.sql
--
-- The passwords are demo values for a local stack; docker-compose.yml gives each service the same ones
-- (DB_USERNAME / DB_PASSWORD), and the test holds the two files together.

\set ON_ERROR_STOP on
\if :{?role_suffix}
\else
    \set role_suffix ''
\endif

-- Nobody may connect to this database or create anything in its public schema unless granted below; the superuser
-- (POSTGRES_USER) keeps its rights.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- A login role that owns exactly one schema: Flyway (spring.flyway.schemas) finds the schema there and creates its
-- tables in it; other roles get no usage on it, so they can neither read nor create anything inside.
CREATE FUNCTION pg_temp.eventmart_service_schema(role_name text, schema_name text, role_password text)
    RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I', role_name);
    END IF;
    EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L',
                   role_name, role_password);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), role_name);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', schema_name, role_name);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', schema_name, role_name);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', schema_name);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', role_name, current_database(), schema_name);
    RETURN format('role %s owns schema %s', role_name, schema_name);
END
$$;

\set order_role order_service:role_suffix
\set inventory_role inventory_service:role_suffix
\set payment_role payment_service:role_suffix
\set notification_role notification_service:role_suffix
\set analytics_role analytics_service:role_suffix

SELECT pg_temp.eventmart_service_schema(role_name, schema_name, role_password) AS eventmart_service_schemas
FROM (VALUES
    (:'order_role', 'orders', 'order-service-demo'),
    (:'inventory_role', 'inventory', 'inventory-service-demo'),
    (:'payment_role', 'payments', 'payment-service-demo'),
    (:'notification_role', 'notifications', 'notification-service-demo'),
    (:'analytics_role', 'analytics', 'analytics-service-demo')
) AS service (role_name, schema_name, role_password);
