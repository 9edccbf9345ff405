-- The starter's own record of vectorizer migrations (ai.migrate_vectorizer, additions/007-vectorizer-migration.sql):
-- one row per vectorizer whose new store is being built beside its current one. The target is an ordinary
-- vectorizer that any worker backfills; ai.finish_vectorizer_migration switches to it and deletes the row.
-- No foreign keys to pgai's tables: pgai's installer must stay free to change them.

create table ai.pgai_spring_vectorizer_migration
( vectorizer_id int4 not null primary key
, target_id int4 not null unique
, started_at timestamptz not null default pg_catalog.now()
, backfill_rows int8 not null
, check (vectorizer_id <> target_id)
);
