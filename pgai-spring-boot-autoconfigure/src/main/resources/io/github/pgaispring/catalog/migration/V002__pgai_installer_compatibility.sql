-- Makes the tables of V001 exactly those pgai 0.12.1's installer leaves, and records pgai's migrations, so that pgai's
-- own installer (this version or a newer one, which replays its migrations from 001) runs on this catalog: it skips
-- the recorded migrations (pgai only warns that their bodies differ) and replaces the functions and views.
-- Only migrations 001 to 030 are recorded: their results are V001's tables. 031 (the semantic catalog) is left to
-- pgai's installer, which creates those tables of its own.

-- pgai's worker tracking columns are not null (its migration 020)
update ai.vectorizer_worker_process set
  started = coalesce(started, pg_catalog.now())
, last_heartbeat = coalesce(last_heartbeat, started, pg_catalog.now())
, heartbeat_count = coalesce(heartbeat_count, 0)
, error_count = coalesce(error_count, 0)
, success_count = coalesce(success_count, 0)
where started is null or last_heartbeat is null or heartbeat_count is null or error_count is null or success_count is null;
alter table ai.vectorizer_worker_process
  alter column started set not null
, alter column last_heartbeat set not null
, alter column heartbeat_count set not null
, alter column error_count set not null
, alter column success_count set not null;

update ai.vectorizer_worker_progress set
  success_count = coalesce(success_count, 0)
, error_count = coalesce(error_count, 0)
where success_count is null or error_count is null;
alter table ai.vectorizer_worker_progress
  alter column success_count set not null
, alter column error_count set not null;

-- pgai's constraint names: the error table was created as ai.vectorizer_errors and renamed (its migration 030); the
-- name constraint was added by its migration 029
alter table ai._vectorizer_errors rename constraint _vectorizer_errors_id_fkey to vectorizer_errors_id_fkey;
alter table ai.vectorizer rename constraint vectorizer_name_key to vectorizer_name_unique;

insert into ai.pgai_lib_migration (name, applied_at_version, body)
select m.name, '0.12.1+pgai-spring', pg_catalog.format(
    '-- not run: the pgai-spring catalog (migrations V001 and V002 in ai.pgai_spring_migration) created the objects %s leads to',
    m.name)
from pg_catalog.unnest(array
    [ '001-vectorizer.sql', '003-vec-storage.sql', '005-vectorizer-queue-pending.sql', '006-drop-vectorizer.sql'
    , '012-add-vectorizer-disabled-column.sql', '017-upgrade-source-pk.sql', '018-drop-foreign-key-constraint.sql'
    , '019-drop-truncate-from-vectorizer-config-lib.sql', '020-add-worker-tracking-table.sql'
    , '021-drop-create-vectorizer-old-function.sql', '022-migrate-existing-vectorizers-to-loading.sql'
    , '023-migrate-vectorizer-queue-tables.sql', '024-add-vectorizer-queue-failed-table.sql'
    , '025-migrate-vectorizer-to-have-queue-failed-table.sql', '026-change_trigger_definition.sql'
    , '027-drop-loading-uri-old-signature.sql', '028-remove-destination-columns.sql'
    , '029-add-vectorizer-name-column.sql', '030-add_vectorizer_errors_view.sql'
    ]) m(name)
on conflict (name) do nothing;
