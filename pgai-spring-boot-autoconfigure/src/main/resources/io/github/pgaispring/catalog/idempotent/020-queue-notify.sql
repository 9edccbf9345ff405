-- Wake-ups for listening workers (an addition: pgai's catalog has none, and its workers poll). Each vectorizer
-- created by this catalog has, besides its row trigger, a statement-level trigger on its source table that sends
-- NOTIFY pgai_vectorizer_queue, '<queue schema>.<queue table>' once per INSERT or UPDATE statement (not per row),
-- delivered when the statement's transaction commits. A worker listening on the channel claims the new rows at once
-- instead of at its next poll. An UPDATE that queues nothing (no column changed) sends one too; the worker then finds
-- nothing to do.

create or replace function ai._vectorizer_notify_queue() returns trigger
as $func$
begin
    perform pg_catalog.pg_notify('pgai_vectorizer_queue', tg_argv[0]);
    return null;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Creates (or replaces) the wake-up trigger of a vectorizer, named after its row trigger with the suffix _notify.
create or replace function ai._vectorizer_create_notify_trigger
( trigger_name pg_catalog.name
, queue_schema pg_catalog.name
, queue_table pg_catalog.name
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns void
as $func$
begin
    execute pg_catalog.format
    ( 'create or replace trigger %I after insert or update on %I.%I for each statement '
      'execute function ai._vectorizer_notify_queue(%L)'
    , trigger_name operator(pg_catalog.||) '_notify', source_schema, source_table
    , queue_schema operator(pg_catalog.||) '.' operator(pg_catalog.||) queue_table
    );
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Vectorizers created before wake-ups existed get their trigger when the catalog is upgraded (those whose row
-- trigger is in place). Where the installing role may not create triggers on the source table, the vectorizer is
-- left as it is: workers find its rows by polling.
do $block$
declare
    _vec record;
begin
    for _vec in
        select v.*
        from ai.vectorizer v
        inner join pg_catalog.pg_trigger t
            on (t.tgrelid operator(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', v.source_schema, v.source_table))
            and t.tgname operator(pg_catalog.=) v.trigger_name)
        where not exists
        ( select 1 from pg_catalog.pg_trigger n
          where n.tgrelid operator(pg_catalog.=) t.tgrelid
          and n.tgname operator(pg_catalog.=) (v.trigger_name operator(pg_catalog.||) '_notify')
        )
    loop
        begin
            perform ai._vectorizer_create_notify_trigger(_vec.trigger_name, _vec.queue_schema, _vec.queue_table,
                _vec.source_schema, _vec.source_table);
        exception when insufficient_privilege then
            raise notice 'vectorizer % gets no wake-up trigger (%); workers poll its queue', _vec.name, sqlerrm;
        end;
    end loop;
end
$block$;
