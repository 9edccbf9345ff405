-- The objects each vectorizer owns: queue, failed queue, target table and view (or embedding column), and the
-- source-table triggers that keep the queue filled.

-- The primary key of a table: [{attnum, pknum, attname, typname}] in key order, typname with its typmod.
create or replace function ai._vectorizer_source_pk(source_table pg_catalog.regclass) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object
        ( 'attnum', e.attnum
        , 'pknum', e.pknum
        , 'attname', a.attname
        , 'typname', pg_catalog.format_type(a.atttypid, a.atttypmod)
        ) order by e.pknum)
    from pg_catalog.pg_constraint k
    cross join lateral pg_catalog.unnest(k.conkey) with ordinality e(attnum, pknum)
    inner join pg_catalog.pg_attribute a
        on (a.attrelid operator(pg_catalog.=) k.conrelid and a.attnum operator(pg_catalog.=) e.attnum)
    where k.conrelid operator(pg_catalog.=) source_table
    and k.contype operator(pg_catalog.=) 'p'
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

-- Renders each primary key column with template (%1$I is the column name, %2$s its type) and joins them with
-- separator, in column order (attnum) or key order (pknum).
create or replace function ai._vectorizer_pk_list
( source_pk pg_catalog.jsonb
, template pg_catalog.text
, separator pg_catalog.text default ', '
, key_order pg_catalog.bool default false
) returns pg_catalog.text
as $func$
    select pg_catalog.string_agg(pg_catalog.format(template, x.attname, x.typname), separator
        order by case when key_order then x.pknum else x.attnum end)
    from pg_catalog.jsonb_to_recordset(source_pk) x(attnum pg_catalog.int4, pknum pg_catalog.int4, attname pg_catalog.name, typname pg_catalog.text)
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- The schema the vector extension lives in.
create or replace function ai._vectorizer_vector_schema() returns pg_catalog.name
as $func$
    select n.nspname
    from pg_catalog.pg_extension x
    inner join pg_catalog.pg_namespace n on (x.extnamespace operator(pg_catalog.=) n.oid)
    where x.extname operator(pg_catalog.=) 'vector'
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

-- A table of source primary keys: the key columns (not null), then extra_columns, an index on the key in key
-- order, and the grants the worker needs. The queue and the failed queue are such tables.
create or replace function ai._vectorizer_create_pk_table
( table_schema pg_catalog.name
, table_name pg_catalog.name
, source_pk pg_catalog.jsonb
, extra_columns pg_catalog.text
, grant_to pg_catalog.name[]
) returns void
as $func$
begin
    execute pg_catalog.format('create table %I.%I (%s, %s)', table_schema, table_name,
        ai._vectorizer_pk_list(source_pk, '%1$I %2$s not null'), extra_columns);
    execute pg_catalog.format('create index on %I.%I (%s)', table_schema, table_name,
        ai._vectorizer_pk_list(source_pk, '%1$I', ', ', true));
    perform ai._grant('usage', pg_catalog.format('schema %I', table_schema), grant_to);
    perform ai._grant('select, insert, update, delete', pg_catalog.format('%I.%I', table_schema, table_name), grant_to);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The queue of source rows waiting to be embedded. Without a primary key: a row may be queued many times.
create or replace function ai._vectorizer_create_queue_table
( queue_schema pg_catalog.name
, queue_table pg_catalog.name
, source_pk pg_catalog.jsonb
, grant_to pg_catalog.name[]
) returns void
as $func$
    select ai._vectorizer_create_pk_table(queue_schema, queue_table, source_pk,
        'queued_at pg_catalog.timestamptz not null default pg_catalog.now()'
        ', loading_retries pg_catalog.int4 not null default 0'
        ', loading_retry_after pg_catalog.timestamptz', grant_to)
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The source rows that failed to load too often. pgai's worker probes this function's existence.
create or replace function ai._vectorizer_create_queue_failed_table
( queue_schema pg_catalog.name
, queue_failed_table pg_catalog.name
, source_pk pg_catalog.jsonb
, grant_to pg_catalog.name[]
) returns void
as $func$
    select ai._vectorizer_create_pk_table(queue_schema, queue_failed_table, source_pk,
        'created_at pg_catalog.timestamptz not null default pg_catalog.now()'
        ', failure_step pg_catalog.text not null default ''''', grant_to)
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The table of chunks and embeddings. It has no foreign key to the source: the trigger deletes the chunks.
create or replace function ai._vectorizer_create_target_table
( source_pk pg_catalog.jsonb
, target_schema pg_catalog.name
, target_table pg_catalog.name
, dimensions pg_catalog.int4
, grant_to pg_catalog.name[]
) returns void
as $func$
begin
    execute pg_catalog.format
    ( $sql$create table %I.%I
      ( embedding_uuid uuid not null primary key default pg_catalog.gen_random_uuid()
      , %s
      , chunk_seq int4 not null
      , chunk text not null
      , embedding %I.vector(%s) not null
      , unique (%s, chunk_seq)
      )$sql$
    , target_schema, target_table
    , ai._vectorizer_pk_list(source_pk, '%1$I %2$s not null')
    , ai._vectorizer_vector_schema(), dimensions
    , ai._vectorizer_pk_list(source_pk, '%1$I', ', ', true)
    );
    execute pg_catalog.format('alter table %I.%I alter column embedding set storage main', target_schema, target_table);
    perform ai._grant('usage', pg_catalog.format('schema %I', target_schema), grant_to);
    perform ai._grant('select, insert, update, delete', pg_catalog.format('%I.%I', target_schema, target_table), grant_to);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The view of every chunk with its source row. Key columns come from the target table, which lets the planner
-- remove the join when no other source column is read.
create or replace function ai._vectorizer_create_view
( view_schema pg_catalog.name
, view_name pg_catalog.name
, source_schema pg_catalog.name
, source_table pg_catalog.name
, source_pk pg_catalog.jsonb
, target_schema pg_catalog.name
, target_table pg_catalog.name
, grant_to pg_catalog.name[]
) returns void
as $func$
begin
    execute pg_catalog.format
    ( $sql$create view %I.%I as
      select t.embedding_uuid, t.chunk_seq, t.chunk, t.embedding, %s
      from %I.%I t
      left outer join %I.%I s on (%s)$sql$
    , view_schema, view_name
    , ( select pg_catalog.string_agg(pg_catalog.format('%s.%I',
            case when x.attnum is null then 's' else 't' end, a.attname), ', ' order by a.attnum)
        from pg_catalog.pg_attribute a
        left outer join pg_catalog.jsonb_to_recordset(source_pk) x(attnum pg_catalog.int4)
            on (a.attnum operator(pg_catalog.=) x.attnum)
        where a.attrelid operator(pg_catalog.=) pg_catalog.format('%I.%I', source_schema, source_table)::pg_catalog.regclass
        and a.attnum operator(pg_catalog.>) 0
        and not a.attisdropped
      )
    , target_schema, target_table
    , source_schema, source_table
    , ai._vectorizer_pk_list(source_pk, 't.%1$I = s.%1$I', ' and ', true)
    );
    perform ai._grant('usage', pg_catalog.format('schema %I', view_schema), grant_to);
    perform ai._grant('select', pg_catalog.format('%I.%I', view_schema, view_name), grant_to);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The embedding column of a column destination. An existing column is used when it is already a vector of
-- the right dimensions.
create or replace function ai._vectorizer_add_embedding_column
( source_schema pg_catalog.name
, source_table pg_catalog.name
, dimensions pg_catalog.int4
, embedding_column pg_catalog.name
) returns void
as $func$
declare
    _existing_type pg_catalog.text;
    _wanted_type pg_catalog.text = pg_catalog.format('vector(%s)', dimensions);
begin
    select pg_catalog.format_type(a.atttypid, a.atttypmod) into _existing_type
    from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) pg_catalog.format('%I.%I', source_schema, source_table)::pg_catalog.regclass
    and a.attnum operator(pg_catalog.>) 0
    and not a.attisdropped
    and a.attname operator(pg_catalog.=) embedding_column;

    if _existing_type is null then
        execute pg_catalog.format('alter table %I.%I add column %I %I.vector(%s)',
            source_schema, source_table, embedding_column, ai._vectorizer_vector_schema(), dimensions);
        execute pg_catalog.format('alter table %I.%I alter column %I set storage main',
            source_schema, source_table, embedding_column);
    elsif pg_catalog.regexp_replace(_existing_type, '^.*\.', '') operator(pg_catalog.<>) _wanted_type then
        raise exception 'embedding column % of %.% already exists with type %, not %', embedding_column,
            source_schema, source_table, _existing_type, _wanted_type
        using hint = 'name a new column in ai.destination_column(...), or change the column''s type';
    end if;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The body of a vectorizer's trigger function. With a table destination it also deletes the chunks of deleted
-- rows and of changed keys, and truncates the target and queue with the source. An update enqueues only when a
-- column really changed, ignoring the embedding columns of column-destination vectorizers on the table.
create or replace function ai._vectorizer_build_trigger_definition
( queue_schema pg_catalog.name
, queue_table pg_catalog.name
, target_schema pg_catalog.name
, target_table pg_catalog.name
, source_schema pg_catalog.name
, source_table pg_catalog.name
, source_pk pg_catalog.jsonb
) returns pg_catalog.text
as $func$
declare
    _enqueue pg_catalog.text = pg_catalog.format('insert into %I.%I (%s) values (%s);', queue_schema, queue_table,
        ai._vectorizer_pk_list(source_pk, '%1$I'), ai._vectorizer_pk_list(source_pk, 'new.%1$I'));
    _changed pg_catalog.text = pg_catalog.format($sql$exists (
            select 1
            from pg_catalog.jsonb_each(pg_catalog.to_jsonb(old)) o
            inner join pg_catalog.jsonb_each(pg_catalog.to_jsonb(new)) n on (o.key operator(pg_catalog.=) n.key)
            where o.value is distinct from n.value
            and o.key operator(pg_catalog.<>) all (
                select v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'embedding_column'
                from ai.vectorizer v
                where v.source_schema operator(pg_catalog.=) %L
                and v.source_table operator(pg_catalog.=) %L
                and v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'implementation' operator(pg_catalog.=) 'column'))$sql$,
        source_schema, source_table);
    _delete_chunks pg_catalog.text;
begin
    if target_table is null then
        return pg_catalog.format($body$
begin
    if tg_op operator(pg_catalog.=) 'INSERT' then
        %s
    elsif tg_op operator(pg_catalog.=) 'UPDATE' and %s then
        %s
    end if;
    return null;
end
$body$, _enqueue, _changed, _enqueue);
    end if;

    _delete_chunks = pg_catalog.format('delete from %I.%I where %s;', target_schema, target_table,
        ai._vectorizer_pk_list(source_pk, '%1$I = old.%1$I', ' and ', true));
    return pg_catalog.format($body$
begin
    if tg_level operator(pg_catalog.=) 'STATEMENT' then
        truncate table %I.%I;
        truncate table %I.%I;
    elsif tg_op operator(pg_catalog.=) 'INSERT' then
        %s
    elsif tg_op operator(pg_catalog.=) 'DELETE' then
        %s
    elsif %s then
        %s
        %s
    elsif %s then
        %s
    end if;
    return null;
end
$body$, target_schema, target_table, queue_schema, queue_table
    , _enqueue
    , _delete_chunks
    , ai._vectorizer_pk_list(source_pk, 'old.%1$I is distinct from new.%1$I', ' or ', true), _delete_chunks, _enqueue
    , _changed, _enqueue);
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- The statement that (re)creates a vectorizer's trigger function in its queue schema.
create or replace function ai._vectorizer_trigger_function_sql
( trigger_name pg_catalog.name
, queue_schema pg_catalog.name
, body pg_catalog.text
) returns pg_catalog.text
as $func$
    select pg_catalog.format
    ( 'create or replace function %I.%I() returns trigger as %L language plpgsql volatile security definer '
      'set search_path to pg_catalog, pg_temp'
    , queue_schema, trigger_name, body
    )
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._vectorizer_create_source_trigger
( trigger_name pg_catalog.name
, queue_schema pg_catalog.name
, queue_table pg_catalog.name
, source_schema pg_catalog.name
, source_table pg_catalog.name
, target_schema pg_catalog.name
, target_table pg_catalog.name
, source_pk pg_catalog.jsonb
) returns void
as $func$
begin
    execute ai._vectorizer_trigger_function_sql(trigger_name, queue_schema, ai._vectorizer_build_trigger_definition
        (queue_schema, queue_table, target_schema, target_table, source_schema, source_table, source_pk));
    execute pg_catalog.format('revoke all on function %I.%I() from public', queue_schema, trigger_name);
    execute pg_catalog.format('create trigger %I after insert or update or delete on %I.%I for each row execute function %I.%I()',
        trigger_name, source_schema, source_table, queue_schema, trigger_name);
    execute pg_catalog.format('create trigger %I after truncate on %I.%I for each statement execute function %I.%I()',
        trigger_name operator(pg_catalog.||) '_truncate', source_schema, source_table, queue_schema, trigger_name);
    perform ai._vectorizer_create_notify_trigger(trigger_name, queue_schema, queue_table, source_schema, source_table);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Brings the trigger functions of existing vectorizers up to the current definition, touching only those that
-- differ (so that a catalog upgrade needs no ownership of unchanged functions).
do $block$
declare
    _vec record;
    _body pg_catalog.text;
begin
    for _vec in
        select v.*, p.prosrc
        from ai.vectorizer v
        inner join pg_catalog.pg_namespace n on (n.nspname operator(pg_catalog.=) v.queue_schema)
        inner join pg_catalog.pg_proc p
            on (p.pronamespace operator(pg_catalog.=) n.oid and p.proname operator(pg_catalog.=) v.trigger_name)
    loop
        _body = ai._vectorizer_build_trigger_definition(_vec.queue_schema, _vec.queue_table,
            _vec.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema',
            _vec.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table',
            _vec.source_schema, _vec.source_table, _vec.source_pk);
        if _body is distinct from _vec.prosrc then
            execute ai._vectorizer_trigger_function_sql(_vec.trigger_name, _vec.queue_schema, _body);
        end if;
    end loop;
end
$block$;
