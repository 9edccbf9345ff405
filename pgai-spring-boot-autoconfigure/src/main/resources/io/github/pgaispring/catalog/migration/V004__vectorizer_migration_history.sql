-- The vectorizer migrations that switched (ai.finish_vectorizer_migration, additions/007-vectorizer-migration.sql):
-- one row per switch, with the configuration the vectorizer had before (source_config) and the one it got
-- (target_config). The starter's reconciler reads it so that an application instance still declaring the definition
-- a migration replaced (a rolling deploy) does not migrate the vectorizer back.
-- No foreign keys to pgai's tables: pgai's installer must stay free to change them.

create table ai.pgai_spring_vectorizer_migration_history
( vectorizer_id int4 not null
, vectorizer_name text not null
, started_at timestamptz not null
, switched_at timestamptz not null default pg_catalog.clock_timestamp()
, source_config jsonb not null
, target_config jsonb not null
, primary key (vectorizer_id, switched_at)
);
