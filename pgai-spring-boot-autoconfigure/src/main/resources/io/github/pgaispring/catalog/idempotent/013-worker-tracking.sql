-- Worker tracking, with pgai's signatures: workers register, send heartbeats and report progress per vectorizer.

create or replace function ai._worker_start
( version pg_catalog.text
, expected_heartbeat_interval pg_catalog.interval
) returns uuid
as $func$
    insert into ai.vectorizer_worker_process (version, expected_heartbeat_interval)
    values (version, expected_heartbeat_interval)
    returning id
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._worker_heartbeat
( worker_id uuid
, num_successes_since_last_heartbeat pg_catalog.int4
, num_errors_since_last_heartbeat pg_catalog.int4
, error_message pg_catalog.text
) returns void
as $func$
    update ai.vectorizer_worker_process p set
      last_heartbeat = pg_catalog.clock_timestamp()
    , heartbeat_count = p.heartbeat_count operator(pg_catalog.+) 1
    , success_count = p.success_count operator(pg_catalog.+) num_successes_since_last_heartbeat
    , error_count = p.error_count operator(pg_catalog.+) num_errors_since_last_heartbeat
    , last_error_message = coalesce(error_message, p.last_error_message)
    , last_error_at = case when error_message is null then p.last_error_at else pg_catalog.clock_timestamp() end
    where p.id operator(pg_catalog.=) worker_id
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- error_message null records successes, otherwise one error
create or replace function ai._worker_progress
( worker_id uuid
, worker_vectorizer_id pg_catalog.int4
, num_successes pg_catalog.int4
, error_message pg_catalog.text
) returns void
as $func$
    insert into ai.vectorizer_worker_progress as p
    ( vectorizer_id, success_count, error_count, last_success_at, last_success_process_id
    , last_error_at, last_error_message, last_error_process_id )
    values
    ( worker_vectorizer_id
    , num_successes
    , case when error_message is null then 0 else 1 end
    , case when error_message is null then pg_catalog.clock_timestamp() end
    , case when error_message is null then worker_id end
    , case when error_message is not null then pg_catalog.clock_timestamp() end
    , error_message
    , case when error_message is not null then worker_id end
    )
    on conflict (vectorizer_id) do update set
      success_count = p.success_count operator(pg_catalog.+) excluded.success_count
    , error_count = p.error_count operator(pg_catalog.+) excluded.error_count
    , last_success_at = coalesce(excluded.last_success_at, p.last_success_at)
    , last_success_process_id = coalesce(excluded.last_success_process_id, p.last_success_process_id)
    , last_error_at = coalesce(excluded.last_error_at, p.last_error_at)
    , last_error_message = coalesce(excluded.last_error_message, p.last_error_message)
    , last_error_process_id = coalesce(excluded.last_error_process_id, p.last_error_process_id)
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;
