-- ai.execute_vectorizer(int4): pgai's lives in pgai's "ai" extension and asks a Timescale Cloud service to embed the
-- vectorizer's queue (pgai's ai.execute_vectorizer(text) and its timescaledb job call it). SQL cannot embed here:
-- the models run in a worker (an application with the starter, or the standalone worker), which processes every
-- queue continuously. This one checks that a worker is alive (ai.vectorizer_worker_process) and wakes the workers
-- with NOTIFY pgai_vectorizer_execute, <id> (delivered when the calling transaction commits); without a live worker
-- it fails with what to start. Where the "ai" extension provides the function, the extension's is kept.
do $block$
begin
    if exists
    ( select 1
      from pg_catalog.pg_depend d
      where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) pg_catalog.to_regprocedure('ai.execute_vectorizer(integer)')
      and d.deptype operator(pg_catalog.=) 'e'
    ) then
        return;
    end if;
    execute $ddl$
create or replace function ai.execute_vectorizer(vectorizer_id pg_catalog.int4) returns void
as $func$
declare
    _vec record;
begin
    select v.id, v.name, v.disabled into _vec from ai.vectorizer v where v.id operator(pg_catalog.=) vectorizer_id;
    if not found then
        raise exception 'there is no vectorizer with id %', vectorizer_id
        using errcode = 'undefined_object', hint = 'select id, name from ai.vectorizer lists the vectorizers';
    end if;
    if _vec.disabled then
        raise exception 'vectorizer % is disabled, so no worker processes its queue', _vec.name
        using errcode = 'object_not_in_prerequisite_state'
        , hint = pg_catalog.format('enable it first: select ai.enable_vectorizer_schedule(%L)', _vec.name);
    end if;
    if not exists
    ( select 1
      from ai.vectorizer_worker_process p
      where p.last_heartbeat operator(pg_catalog.>=)
          (pg_catalog.clock_timestamp() operator(pg_catalog.-) (p.expected_heartbeat_interval operator(pg_catalog.*) 2))
    ) then
        raise exception 'no vectorizer worker is running to embed the queue of vectorizer %', _vec.name
        using errcode = 'object_not_in_prerequisite_state'
        , detail = 'SQL cannot embed: the models run in a worker, and no worker in ai.vectorizer_worker_process has sent a heartbeat within twice its expected_heartbeat_interval'
        , hint = 'start an application with the pgai Spring Boot starter (its worker runs unless pgai.worker.enabled=false) or the standalone worker; it processes every queue continuously';
    end if;
    perform pg_catalog.pg_notify('pgai_vectorizer_execute', vectorizer_id::pg_catalog.text);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp
$ddl$;
end
$block$;
