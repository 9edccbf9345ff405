-- Bookkeeping of the pgai-spring catalog installer. Runs before every install; changes nothing once present.

create schema if not exists ai;

create table if not exists ai.pgai_spring_migration
( version int4 not null primary key
, description text not null
, checksum text not null
, applied_at timestamptz not null default pg_catalog.now()
, applied_by_version text not null
);

create table if not exists ai.pgai_spring_catalog
( name text not null primary key check (name = 'ai')
, version text not null
, scripts_checksum text not null
, installed_at timestamptz not null default pg_catalog.now()
, updated_at timestamptz not null default pg_catalog.now()
);
