-- The record of applied migrations (warehouse.migrate); made before anything else.
create table if not exists schema_migrations (
    version    varchar primary key,
    name       varchar not null,
    checksum   varchar not null,
    applied_at timestamptz not null
);
