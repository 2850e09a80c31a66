#!/usr/bin/env bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d), for both
# docker-compose.yml and the Kubernetes local overlay: one
# database per service with the two roles the services expect, as the local stack creates them
# (deploy/local-infra ServiceDatabase). <db>_owner owns the database and runs Flyway; <db>_app is
# what the running service connects as: no superuser, no BYPASSRLS, so row-level security holds.
# Passwords come from <DB>_OWNER_PASSWORD / <DB>_APP_PASSWORD (defaults: the role name).
set -euo pipefail

for db in ${DSR_DATABASES:-roster draw inspection disclosure}; do
  upper=${db^^}
  owner_password_var=${upper}_OWNER_PASSWORD
  app_password_var=${upper}_APP_PASSWORD
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
       -v owner_password="${!owner_password_var:-${db}_owner}" \
       -v app_password="${!app_password_var:-${db}_app}" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOBYPASSRLS;
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8';
-- Only the service's own roles may connect: no service reads another's database.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";
SQL
done
