-- The vector index of a vectorizer. pgai builds it from a timescaledb job; here the worker calls
-- ai._vectorizer_create_vector_index_if_ready(id) after it has drained the queue.

-- Whether an index of the given access method (hnsw or diskann) covers the column, directly or in an expression.
create or replace function ai._vectorizer_vector_index_exists
( target_schema pg_catalog.name
, target_table pg_catalog.name
, indexing pg_catalog.jsonb
, column_name pg_catalog.name default 'embedding'
) returns pg_catalog.bool
as $func$
    select exists
    ( select 1
      from pg_catalog.pg_index i
      inner join pg_catalog.pg_class ic on (ic.oid operator(pg_catalog.=) i.indexrelid)
      inner join pg_catalog.pg_am am on (am.oid operator(pg_catalog.=) ic.relam)
      inner join pg_catalog.pg_depend d
          on (d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
          and d.objid operator(pg_catalog.=) i.indexrelid
          and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
          and d.refobjid operator(pg_catalog.=) i.indrelid)
      inner join pg_catalog.pg_attribute a
          on (a.attrelid operator(pg_catalog.=) i.indrelid and a.attnum operator(pg_catalog.=) d.refobjsubid)
      where i.indrelid operator(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', target_schema, target_table))
      and am.amname operator(pg_catalog.=) (indexing operator(pg_catalog.->>) 'implementation')
      and a.attname operator(pg_catalog.=) column_name
    )
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

-- The table and column a vectorizer's embeddings live in: the target table, or the source for a column destination.
create or replace function ai._vectorizer_embedding_location
( vectorizer ai.vectorizer
, out schema_name pg_catalog.name
, out table_name pg_catalog.name
, out column_name pg_catalog.name
)
as $func$
    select
      coalesce(vectorizer.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema', vectorizer.source_schema)
    , coalesce(vectorizer.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table', vectorizer.source_table)
    , coalesce(vectorizer.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'embedding_column', 'embedding')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- Whether the vectorizer's index should be built now: indexing is configured, the index is missing, the queue is
-- empty (unless create_when_queue_empty is false) and at least min_rows embeddings exist.
create or replace function ai._vectorizer_should_create_vector_index(vectorizer ai.vectorizer) returns pg_catalog.bool
as $func$
declare
    _indexing pg_catalog.jsonb = vectorizer.config operator(pg_catalog.->) 'indexing';
    _location record;
    _queued pg_catalog.bool;
    _min_rows pg_catalog.int8;
    _count pg_catalog.int8;
begin
    if coalesce(_indexing operator(pg_catalog.->>) 'implementation', 'none') operator(pg_catalog.=) 'none' then
        return false;
    end if;
    _location = ai._vectorizer_embedding_location(vectorizer);
    if ai._vectorizer_vector_index_exists(_location.schema_name, _location.table_name, _indexing, _location.column_name) then
        return false;
    end if;
    if coalesce((_indexing operator(pg_catalog.->>) 'create_when_queue_empty')::pg_catalog.bool, true) then
        execute pg_catalog.format('select exists (select 1 from %I.%I)', vectorizer.queue_schema, vectorizer.queue_table)
        into _queued;
        if _queued then
            return false;
        end if;
    end if;
    _min_rows = coalesce((_indexing operator(pg_catalog.->>) 'min_rows')::pg_catalog.int8, 0);
    execute pg_catalog.format('select pg_catalog.count(*) from (select from %I.%I limit %s) x',
        _location.schema_name, _location.table_name, _min_rows)
    into _count;
    return _count operator(pg_catalog.>=) _min_rows;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Builds the vector index unless another session is building it or it exists. Columns of more than 2000
-- dimensions (the limit of hnsw on vector) are indexed as halfvec expressions, which hnsw supports up to 4000.
create or replace function ai._vectorizer_create_vector_index
( target_schema pg_catalog.name
, target_table pg_catalog.name
, indexing pg_catalog.jsonb
, column_name pg_catalog.name default 'embedding'
) returns void
as $func$
declare
    _table pg_catalog.regclass = pg_catalog.format('%I.%I', target_schema, target_table)::pg_catalog.regclass;
    _vector_schema pg_catalog.name = ai._vectorizer_vector_schema();
    _dimensions pg_catalog.int4;
    _opclass pg_catalog.text;
    _with pg_catalog.text;
    _key pg_catalog.text;
begin
    if not pg_catalog.pg_try_advisory_xact_lock(1982010642, _table::pg_catalog.oid::pg_catalog.int4) then
        raise notice 'another session is building the vector index on %.%', target_schema, target_table;
        return;
    end if;
    if ai._vectorizer_vector_index_exists(target_schema, target_table, indexing, column_name) then
        return;
    end if;
    select a.atttypmod into strict _dimensions
    from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) _table and a.attname operator(pg_catalog.=) column_name;

    case indexing operator(pg_catalog.->>) 'implementation'
        when 'hnsw' then
            _opclass = coalesce(indexing operator(pg_catalog.->>) 'opclass', 'vector_cosine_ops');
            select pg_catalog.string_agg(pg_catalog.format('%s = %s', w.key, (w.value)::pg_catalog.int4), ', ')
            into _with
            from pg_catalog.jsonb_each_text(indexing) w
            where w.key operator(pg_catalog.=) any (array['m', 'ef_construction']);
            if _dimensions operator(pg_catalog.<=) 2000 then
                _key = pg_catalog.format('%I %I.%I', column_name, _vector_schema, _opclass);
            elsif _dimensions operator(pg_catalog.<=) 4000 then
                _key = pg_catalog.format('(%I::%I.halfvec(%s)) %I.%I', column_name, _vector_schema, _dimensions,
                    _vector_schema, pg_catalog.regexp_replace(_opclass, '^vector_', 'halfvec_'));
            else
                raise exception 'an hnsw index supports at most 4000 dimensions, but %.%.% has %', target_schema,
                    target_table, column_name, _dimensions;
            end if;
            execute pg_catalog.format('create index on %I.%I using hnsw (%s)%s', target_schema, target_table, _key,
                case when _with is null then '' else pg_catalog.format(' with (%s)', _with) end);
        when 'diskann' then
            select pg_catalog.string_agg(case w.key
                    when 'storage_layout' then pg_catalog.format('%s = %L', w.key, w.value)
                    when 'max_alpha' then pg_catalog.format('%s = %s', w.key, (w.value)::pg_catalog.float8)
                    else pg_catalog.format('%s = %s', w.key, (w.value)::pg_catalog.int4)
                end, ', ')
            into _with
            from pg_catalog.jsonb_each_text(indexing) w
            where w.key operator(pg_catalog.=) any
                (array['storage_layout', 'num_neighbors', 'search_list_size', 'max_alpha', 'num_dimensions', 'num_bits_per_dimension']);
            execute pg_catalog.format('create index on %I.%I using diskann (%I)%s', target_schema, target_table, column_name,
                case when _with is null then '' else pg_catalog.format(' with (%s)', _with) end);
        else
            raise exception 'unrecognized index implementation: "%"', indexing operator(pg_catalog.->>) 'implementation';
    end case;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- For the worker: builds vectorizer_id's index if it should be built now. True when this call built it.
create or replace function ai._vectorizer_create_vector_index_if_ready(vectorizer_id pg_catalog.int4) returns pg_catalog.bool
as $func$
declare
    _vec ai.vectorizer;
    _location record;
begin
    select v.* into _vec from ai.vectorizer v where v.id operator(pg_catalog.=) vectorizer_id;
    if not found then
        raise exception 'vectorizer % does not exist', vectorizer_id using errcode = 'undefined_object';
    end if;
    if not ai._vectorizer_should_create_vector_index(_vec) then
        return false;
    end if;
    _location = ai._vectorizer_embedding_location(_vec);
    perform ai._vectorizer_create_vector_index(_location.schema_name, _location.table_name,
        _vec.config operator(pg_catalog.->) 'indexing', _location.column_name);
    return ai._vectorizer_vector_index_exists(_location.schema_name, _location.table_name,
        _vec.config operator(pg_catalog.->) 'indexing', _location.column_name);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;
