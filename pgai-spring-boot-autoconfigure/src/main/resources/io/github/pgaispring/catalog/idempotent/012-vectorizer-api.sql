-- The vectorizer API: create, drop, pause and inspect vectorizers.

-- Rejects a vectorizer name that ai.vectorizer's check constraint would reject, before anything is created.
create or replace function ai._validate_vectorizer_name
( name pg_catalog.text
, derived_from pg_catalog.text
) returns void
as $func$
declare
    _suggestion pg_catalog.text;
begin
    if name operator(pg_catalog.~) '^[a-z][a-z_0-9]*$' and pg_catalog.octet_length(name) operator(pg_catalog.<) 64 then
        return;
    end if;
    if derived_from is null then
        raise exception 'invalid vectorizer name "%"', name
        using errcode = 'invalid_name'
        , hint = 'a name starts with a lower-case letter, continues with lower-case letters, digits or underscores, and has at most 63 characters';
    end if;
    _suggestion = pg_catalog.regexp_replace(pg_catalog.lower(name), '[^a-z0-9_]+', '_', 'g');
    if _suggestion operator(pg_catalog.!~) '^[a-z]' then
        _suggestion = 'v_' operator(pg_catalog.||) _suggestion;
    end if;
    raise exception 'the vectorizer name "%" derived from % is not a valid name', name, derived_from
    using errcode = 'invalid_name'
    , hint = pg_catalog.format('pass name => %L (lower-case letters, digits and underscores, starting with a letter)',
        pg_catalog.left(_suggestion, 63));
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- Raises unless the schema exists.
create or replace function ai._require_schema
( schema_name pg_catalog.name
, purpose pg_catalog.text
) returns void
as $func$
begin
    if not exists (select 1 from pg_catalog.pg_namespace n where n.nspname operator(pg_catalog.=) schema_name) then
        raise exception '% schema "%" does not exist', purpose, schema_name
        using errcode = 'invalid_schema_name', hint = pg_catalog.format('create it first: create schema %I', schema_name);
    end if;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

-- Raises unless schema_name.object_name is free for a new table or view.
create or replace function ai._require_free_name
( schema_name pg_catalog.name
, object_name pg_catalog.name
, hint pg_catalog.text
) returns void
as $func$
begin
    if exists
    ( select 1 from pg_catalog.pg_class k
      inner join pg_catalog.pg_namespace n on (k.relnamespace operator(pg_catalog.=) n.oid)
      where n.nspname operator(pg_catalog.=) schema_name and k.relname operator(pg_catalog.=) object_name
    ) then
        raise exception 'an object named %.% already exists', schema_name, object_name
        using errcode = 'duplicate_object', hint = hint;
    end if;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- create_vectorizer: pgai's current signature, parameter for parameter (the legacy forms are additions:
-- additions/004-legacy-create-vectorizer.sql)

-- starter 0.1.0 had four trailing legacy destination parameters here; they moved to the legacy overload
drop function if exists ai.create_vectorizer(pg_catalog.regclass, pg_catalog.text, pg_catalog.jsonb, pg_catalog.jsonb,
    pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb,
    pg_catalog.jsonb, pg_catalog.name, pg_catalog.name, pg_catalog.name[], pg_catalog.bool, pg_catalog.bool,
    pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name);

create or replace function ai.create_vectorizer
( source pg_catalog.regclass
, name pg_catalog.text default null
, destination pg_catalog.jsonb default ai.destination_table()
, loading pg_catalog.jsonb default null
, parsing pg_catalog.jsonb default ai.parsing_auto()
, embedding pg_catalog.jsonb default null
, chunking pg_catalog.jsonb default ai.chunking_recursive_character_text_splitter()
, indexing pg_catalog.jsonb default ai.indexing_default()
, formatting pg_catalog.jsonb default ai.formatting_python_template()
, scheduling pg_catalog.jsonb default ai.scheduling_default()
, processing pg_catalog.jsonb default ai.processing_default()
, queue_schema pg_catalog.name default null
, queue_table pg_catalog.name default null
, grant_to pg_catalog.name[] default ai.grant_to()
, enqueue_existing pg_catalog.bool default true
, if_not_exists pg_catalog.bool default false
) returns pg_catalog.int4
as $func$
declare
    _name pg_catalog.text = create_vectorizer.name;
    _grant_to pg_catalog.name[];
    _missing_roles pg_catalog.name[];
    _source_schema pg_catalog.name;
    _source_table pg_catalog.name;
    _is_owner pg_catalog.bool;
    _dimensions pg_catalog.int4;
    _source_pk pg_catalog.jsonb;
    _clash pg_catalog.name;
    _existing_id pg_catalog.int4;
    _vectorizer_id pg_catalog.int4;
    _trigger_name pg_catalog.name;
    _queue_schema pg_catalog.name = coalesce(create_vectorizer.queue_schema, 'ai');
    _queue_table pg_catalog.name;
    _queue_failed_table pg_catalog.name;
begin
    -- an explicit name is checked before anything else
    if _name is not null then
        perform ai._validate_vectorizer_name(_name, null);
    end if;

    -- grant_to: roles that do not exist are dropped with a warning, like pgai
    select
      pg_catalog.array_agg(r) filter (where r operator(pg_catalog.<>) 'public' and pg_catalog.to_regrole(pg_catalog.quote_ident(r)) is null)
    , coalesce(pg_catalog.array_agg(r) filter (where r operator(pg_catalog.=) 'public' or pg_catalog.to_regrole(pg_catalog.quote_ident(r)) is not null), array[]::pg_catalog.name[])
    into _missing_roles, _grant_to
    from pg_catalog.unnest(coalesce(create_vectorizer.grant_to, array[]::pg_catalog.name[])) r;
    if _missing_roles is not null then
        raise warning 'one or more grant_to roles do not exist: %', _missing_roles;
    end if;

    if embedding is null then
        raise exception 'embedding configuration is required'
        using hint = 'pass embedding => ai.embedding_openai(''text-embedding-3-small'', 768) or another ai.embedding_* config';
    end if;
    if loading is null then
        raise exception 'loading configuration is required'
        using hint = 'pass loading => ai.loading_column(''<column to embed>'')';
    end if;
    if chunking is null then
        raise exception 'chunking configuration is required'
        using hint = 'pass chunking => ai.chunking_recursive_character_text_splitter() or ai.chunking_none()';
    end if;

    select k.relname, n.nspname, pg_catalog.pg_has_role(pg_catalog.current_user(), k.relowner, 'MEMBER')
    into strict _source_table, _source_schema, _is_owner
    from pg_catalog.pg_class k
    inner join pg_catalog.pg_namespace n on (k.relnamespace operator(pg_catalog.=) n.oid)
    where k.oid operator(pg_catalog.=) source;
    if not _is_owner and not (select r.rolsuper from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) pg_catalog.current_user()) then
        raise exception 'only a superuser or the owner of the source table may create a vectorizer on it'
        using errcode = 'insufficient_privilege';
    end if;

    perform ai._validate_embedding(embedding);
    _dimensions = (embedding operator(pg_catalog.->>) 'dimensions')::pg_catalog.int4;

    _source_pk = ai._vectorizer_source_pk(source);
    if _source_pk is null then
        raise exception 'source table must have a primary key constraint'
        using hint = pg_catalog.format('add one: alter table %I.%I add primary key (...)', _source_schema, _source_table);
    end if;

    perform ai._validate_loading(loading, _source_schema, _source_table);
    perform ai._validate_parsing(parsing, loading, _source_schema, _source_table);
    perform ai._validate_destination(destination, chunking);
    perform ai._validate_chunking(chunking);
    if (indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        indexing = ai._resolve_indexing_default();
    end if;
    perform ai._validate_indexing(indexing);
    perform ai._validate_indexing_dimensions(indexing, _dimensions);
    perform ai._validate_formatting(formatting, _source_schema, _source_table);
    if (scheduling operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        scheduling = ai._resolve_scheduling_default();
    end if;
    perform ai._validate_scheduling(scheduling);
    perform ai._validate_processing(processing);

    destination = ai._evaluate_destination(destination, _source_schema, _source_table);

    if _name is null then
        if (destination operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'table' then
            _name = pg_catalog.format('%s_%s', destination operator(pg_catalog.->>) 'target_schema', destination operator(pg_catalog.->>) 'target_table');
            perform ai._validate_vectorizer_name(_name, 'the target schema and table');
        else
            _name = pg_catalog.format('%s_%s_%s', _source_schema, _source_table, destination operator(pg_catalog.->>) 'embedding_column');
            perform ai._validate_vectorizer_name(_name, 'the source schema, table and embedding column');
        end if;
    end if;
    select v.id into _existing_id from ai.vectorizer v where v.name operator(pg_catalog.=) _name;
    if found then
        if if_not_exists then
            raise notice 'a vectorizer named % already exists, skipping', _name;
            return _existing_id;
        end if;
        raise exception 'a vectorizer named % already exists.', _name
        using errcode = 'duplicate_object', hint = 'pass another name => ..., or if_not_exists => true';
    end if;

    perform ai._require_schema(_queue_schema, 'queue');
    if (destination operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'table' then
        perform ai._require_schema(destination operator(pg_catalog.->>) 'target_schema', 'target');
        perform ai._require_schema(destination operator(pg_catalog.->>) 'view_schema', 'view');
        select a.attname into _clash
        from pg_catalog.pg_attribute a
        where a.attrelid operator(pg_catalog.=) source
        and a.attnum operator(pg_catalog.>) 0
        and not a.attisdropped
        and a.attname operator(pg_catalog.=) any (array['embedding_uuid', 'chunk_seq', 'chunk', 'embedding'])
        order by a.attnum
        limit 1;
        if found then
            raise exception 'source table %.% has a column named "%", which clashes with the column of the same name in the embedding view',
                _source_schema, _source_table, _clash
            using hint = 'rename the source column, or use a column destination';
        end if;
        perform ai._require_free_name(destination operator(pg_catalog.->>) 'view_schema', destination operator(pg_catalog.->>) 'view_name',
            'specify an alternate destination or view_name explicitly');
        perform ai._require_free_name(destination operator(pg_catalog.->>) 'target_schema', destination operator(pg_catalog.->>) 'target_table',
            'specify an alternate destination or target_table explicitly');
        if (destination operator(pg_catalog.->>) 'view_schema', destination operator(pg_catalog.->>) 'view_name')
            = (destination operator(pg_catalog.->>) 'target_schema', destination operator(pg_catalog.->>) 'target_table') then
            raise exception 'the target table and the view cannot both be named %.%', destination operator(pg_catalog.->>) 'view_schema',
                destination operator(pg_catalog.->>) 'view_name'
            using hint = 'give target_table and view_name different names';
        end if;
    elsif exists
    ( select 1 from pg_catalog.jsonb_to_recordset(_source_pk) x(attname pg_catalog.name)
      where x.attname operator(pg_catalog.=) (destination operator(pg_catalog.->>) 'embedding_column')
    ) or (destination operator(pg_catalog.->>) 'embedding_column') operator(pg_catalog.=) (loading operator(pg_catalog.->>) 'column_name') then
        raise exception 'the embedding column "%" cannot be a key column or the loading column', destination operator(pg_catalog.->>) 'embedding_column'
        using hint = 'name a new column in ai.destination_column(...)';
    end if;

    _vectorizer_id = pg_catalog.nextval('ai.vectorizer_id_seq'::pg_catalog.regclass);
    _trigger_name = '_vectorizer_src_trg_' operator(pg_catalog.||) _vectorizer_id;
    _queue_table = coalesce(create_vectorizer.queue_table, '_vectorizer_q_' operator(pg_catalog.||) _vectorizer_id);
    _queue_failed_table = '_vectorizer_q_failed_' operator(pg_catalog.||) _vectorizer_id;
    perform ai._require_free_name(_queue_schema, _queue_table, 'specify an alternate queue_table explicitly');
    perform ai._require_free_name(_queue_schema, _queue_failed_table, 'drop or rename the leftover failed-queue table');

    perform ai._grant('usage', pg_catalog.format('schema %I', _source_schema), _grant_to);
    perform ai._grant('select', pg_catalog.format('%I.%I', _source_schema, _source_table), _grant_to);
    if (destination operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'table' then
        perform ai._vectorizer_create_target_table(_source_pk, destination operator(pg_catalog.->>) 'target_schema',
            destination operator(pg_catalog.->>) 'target_table', _dimensions, _grant_to);
        perform ai._vectorizer_create_view(destination operator(pg_catalog.->>) 'view_schema', destination operator(pg_catalog.->>) 'view_name',
            _source_schema, _source_table, _source_pk, destination operator(pg_catalog.->>) 'target_schema',
            destination operator(pg_catalog.->>) 'target_table', _grant_to);
    else
        perform ai._vectorizer_add_embedding_column(_source_schema, _source_table, _dimensions,
            destination operator(pg_catalog.->>) 'embedding_column');
    end if;
    perform ai._vectorizer_create_queue_table(_queue_schema, _queue_table, _source_pk, _grant_to);
    perform ai._vectorizer_create_queue_failed_table(_queue_schema, _queue_failed_table, _source_pk, _grant_to);
    perform ai._vectorizer_create_source_trigger(_trigger_name, _queue_schema, _queue_table, _source_schema, _source_table,
        destination operator(pg_catalog.->>) 'target_schema', destination operator(pg_catalog.->>) 'target_table', _source_pk);

    insert into ai.vectorizer
    ( id, source_schema, source_table, source_pk, trigger_name, queue_schema, queue_table, queue_failed_table, config, name )
    values
    ( _vectorizer_id, _source_schema, _source_table, _source_pk, _trigger_name, _queue_schema, _queue_table, _queue_failed_table
    , pg_catalog.jsonb_build_object
      ( 'version', '0.12.1'
      , 'loading', loading
      , 'parsing', parsing
      , 'embedding', embedding
      , 'chunking', chunking
      , 'indexing', indexing
      , 'formatting', formatting
      , 'scheduling', scheduling
      , 'processing', processing
      , 'destination', destination
      )
    , _name
    );

    perform ai._grant('usage', 'schema ai', _grant_to);
    perform ai._grant('select', 'ai.vectorizer', _grant_to);

    if enqueue_existing then
        execute pg_catalog.format('insert into %I.%I (%s) select %s from %I.%I', _queue_schema, _queue_table,
            ai._vectorizer_pk_list(_source_pk, '%1$I'), ai._vectorizer_pk_list(_source_pk, '%1$I'), _source_schema, _source_table);
    end if;
    return _vectorizer_id;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- drop_vectorizer: removes the triggers, trigger function, queues and catalog row; with drop_all also the
-- target table and view. A column destination keeps its embedding column.
create or replace function ai.drop_vectorizer
( vectorizer_id pg_catalog.int4
, drop_all pg_catalog.bool default false
) returns void
as $func$
declare
    _vec ai.vectorizer = ai._vectorizer(vectorizer_id);
    _destination pg_catalog.jsonb = _vec.config operator(pg_catalog.->) 'destination';
begin
    if pg_catalog.to_regclass(pg_catalog.format('%I.%I', _vec.source_schema, _vec.source_table)) is not null then
        execute pg_catalog.format('drop trigger if exists %I on %I.%I', _vec.trigger_name, _vec.source_schema, _vec.source_table);
        execute pg_catalog.format('drop trigger if exists %I on %I.%I', _vec.trigger_name operator(pg_catalog.||) '_truncate',
            _vec.source_schema, _vec.source_table);
        execute pg_catalog.format('drop trigger if exists %I on %I.%I', _vec.trigger_name operator(pg_catalog.||) '_notify',
            _vec.source_schema, _vec.source_table);
    end if;
    execute pg_catalog.format('drop function if exists %I.%I()', _vec.queue_schema, _vec.trigger_name);
    execute pg_catalog.format('drop table if exists %I.%I', _vec.queue_schema, _vec.queue_table);
    execute pg_catalog.format('drop table if exists %I.%I', _vec.queue_schema, _vec.queue_failed_table);
    perform ai._vectorizer_drop_text_index(_vec);
    if drop_all and (_destination operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'table' then
        execute pg_catalog.format('drop view if exists %I.%I', _destination operator(pg_catalog.->>) 'view_schema',
            _destination operator(pg_catalog.->>) 'view_name');
        execute pg_catalog.format('drop table if exists %I.%I', _destination operator(pg_catalog.->>) 'target_schema',
            _destination operator(pg_catalog.->>) 'target_table');
    end if;
    delete from ai.vectorizer v where v.id operator(pg_catalog.=) _vec.id;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.drop_vectorizer
( name pg_catalog.text
, drop_all pg_catalog.bool default false
) returns void
as $func$
    select ai.drop_vectorizer(ai._vectorizer_id(name), drop_all)
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- vectorizer_queue_pending: queued rows; without exact_count, counting stops at 10,001 and reports max bigint
create or replace function ai.vectorizer_queue_pending
( vectorizer_id pg_catalog.int4
, exact_count pg_catalog.bool default false
) returns pg_catalog.int8
as $func$
declare
    _vec ai.vectorizer = ai._vectorizer(vectorizer_id);
    _count pg_catalog.int8;
begin
    if exact_count then
        execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', _vec.queue_schema, _vec.queue_table) into _count;
        return _count;
    end if;
    execute pg_catalog.format('select pg_catalog.count(*) from (select from %I.%I limit 10001) q', _vec.queue_schema, _vec.queue_table)
    into _count;
    return case when _count operator(pg_catalog.=) 10001 then 9223372036854775807 else _count end;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.vectorizer_queue_pending
( name pg_catalog.text
, exact_count pg_catalog.bool default false
) returns pg_catalog.int8
as $func$
    select ai.vectorizer_queue_pending(ai._vectorizer_id(name), exact_count)
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- enable/disable_vectorizer_schedule: the worker skips disabled vectorizers
create or replace function ai.disable_vectorizer_schedule(vectorizer_id pg_catalog.int4) returns void
as $func$
    update ai.vectorizer v set disabled = true where v.id operator(pg_catalog.=) (ai._vectorizer(vectorizer_id)).id
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.disable_vectorizer_schedule(name pg_catalog.text) returns void
as $func$
    select ai.disable_vectorizer_schedule(ai._vectorizer_id(name))
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.enable_vectorizer_schedule(vectorizer_id pg_catalog.int4) returns void
as $func$
    update ai.vectorizer v set disabled = false where v.id operator(pg_catalog.=) (ai._vectorizer(vectorizer_id)).id
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.enable_vectorizer_schedule(name pg_catalog.text) returns void
as $func$
    select ai.enable_vectorizer_schedule(ai._vectorizer_id(name))
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- views
create or replace view ai.vectorizer_status as
select
  v.id
, v.name
, pg_catalog.format('%I.%I', v.source_schema, v.source_table) as source_table
, case when v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'implementation' operator(pg_catalog.=) 'table'
    then pg_catalog.format('%I.%I', v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema',
        v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table')
  end as target_table
, case when v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'implementation' operator(pg_catalog.=) 'table'
    then pg_catalog.format('%I.%I', v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_schema',
        v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_name')
  end as "view"
, case when v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'implementation' operator(pg_catalog.=) 'column'
    then pg_catalog.format('%I', v.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'embedding_column')
    else 'embedding'
  end as embedding_column
, case when pg_catalog.has_table_privilege(pg_catalog.to_regclass(pg_catalog.format('%I.%I', v.queue_schema, v.queue_table)), 'select')
    then ai.vectorizer_queue_pending(v.id)
  end as pending_items
, v.disabled
from ai.vectorizer v;

create or replace view ai.vectorizer_errors as
select ve.*, v.name
from ai._vectorizer_errors ve
left outer join ai.vectorizer v on (ve.id operator(pg_catalog.=) v.id);

-------------------------------------------------------------------------------
-- set_scheduling: changes a vectorizer's scheduling and indexing in place (pgai 0.12.0). No job is created (the
-- worker runs in the application and builds the index), so indexing needs no scheduling here; a timescaledb job
-- that pgai created for the vectorizer is deleted, as pgai does.
create or replace function ai.set_scheduling
( vectorizer_id pg_catalog.int4
, scheduling pg_catalog.jsonb default ai.scheduling_default()
, indexing pg_catalog.jsonb default ai.indexing_default()
) returns pg_catalog.jsonb
as $func$
declare
    _vec ai.vectorizer = ai._vectorizer(vectorizer_id);
    _job_id pg_catalog.text = _vec.config operator(pg_catalog.#>>) '{scheduling,job_id}';
    _config pg_catalog.jsonb;
begin
    if (indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        indexing = ai._resolve_indexing_default();
    end if;
    perform ai._validate_indexing(indexing);
    perform ai._validate_indexing_dimensions(indexing,
        (_vec.config operator(pg_catalog.->) 'embedding' operator(pg_catalog.->>) 'dimensions')::pg_catalog.int4);
    if (scheduling operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        scheduling = ai._resolve_scheduling_default();
    end if;
    perform ai._validate_scheduling(scheduling);
    if _job_id is not null and pg_catalog.to_regprocedure('public.delete_job(integer)') is not null then
        execute 'select public.delete_job($1)' using _job_id::pg_catalog.int4;
    end if;
    update ai.vectorizer v
    set config = v.config operator(pg_catalog.||) pg_catalog.jsonb_build_object('scheduling', scheduling, 'indexing', indexing)
    where v.id operator(pg_catalog.=) _vec.id
    returning v.config into _config;
    return _config;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- execute_vectorizer by name, as pgai's: it calls ai.execute_vectorizer(int4) (additions/005-execute-vectorizer.sql)
create or replace function ai.execute_vectorizer(vectorizer_name pg_catalog.text) returns void
as $func$
begin
    perform ai.execute_vectorizer(ai._vectorizer_id(vectorizer_name));
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- vectorizer_embed: pgai's versions call the "ai" extension's ai.openai_embed, ai.ollama_embed or ai.voyageai_embed
-- inside the database. The starter's models run in the application, where its repositories embed query texts.
create or replace function ai.vectorizer_embed
( embedding_config pg_catalog.jsonb
, input_text pg_catalog.text
, input_type pg_catalog.text default null
) returns @extschema:vector@.vector
as $func$
begin
    raise exception 'ai.vectorizer_embed cannot embed in the database: the % model of this config runs in the application',
        coalesce(embedding_config operator(pg_catalog.->>) 'implementation', 'unknown')
    using errcode = 'feature_not_supported'
    , detail = 'pgai''s ai.vectorizer_embed calls the functions of pgai''s "ai" extension (ai.openai_embed, ai.ollama_embed, ai.voyageai_embed), which the starter does not use'
    , hint = 'embed the query in Java: a method such as findNearestByCosine(String query, Limit limit) of the embedding store''s repository embeds it with the vectorizer''s model';
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.vectorizer_embed
( vectorizer_id pg_catalog.int4
, input_text pg_catalog.text
, input_type pg_catalog.text default null
) returns @extschema:vector@.vector
as $func$
    select ai.vectorizer_embed((ai._vectorizer(vectorizer_id)).config operator(pg_catalog.->) 'embedding', input_text, input_type)
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.vectorizer_embed
( name pg_catalog.text
, input_text pg_catalog.text
, input_type pg_catalog.text default null
) returns @extschema:vector@.vector
as $func$
    select ai.vectorizer_embed(ai._vectorizer_id(vectorizer_embed.name), input_text, input_type)
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;
