-- Indexing configuration: the approximate-nearest-neighbour index the worker builds once enough rows are embedded.

create or replace function ai.indexing_none() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'none', 'config_type', 'indexing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.indexing_default() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'default', 'config_type', 'indexing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.indexing_diskann
( min_rows pg_catalog.int4 default 100000
, storage_layout pg_catalog.text default null
, num_neighbors pg_catalog.int4 default null
, search_list_size pg_catalog.int4 default null
, max_alpha pg_catalog.float8 default null
, num_dimensions pg_catalog.int4 default null
, num_bits_per_dimension pg_catalog.int4 default null
, create_when_queue_empty pg_catalog.bool default true
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'diskann'
    , 'config_type', 'indexing'
    , 'min_rows', min_rows
    , 'storage_layout', storage_layout
    , 'num_neighbors', num_neighbors
    , 'search_list_size', search_list_size
    , 'max_alpha', max_alpha
    , 'num_dimensions', num_dimensions
    , 'num_bits_per_dimension', num_bits_per_dimension
    , 'create_when_queue_empty', create_when_queue_empty
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.indexing_hnsw
( min_rows pg_catalog.int4 default 100000
, opclass pg_catalog.text default 'vector_cosine_ops'
, m pg_catalog.int4 default null
, ef_construction pg_catalog.int4 default null
, create_when_queue_empty pg_catalog.bool default true
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'hnsw'
    , 'config_type', 'indexing'
    , 'min_rows', min_rows
    , 'opclass', opclass
    , 'm', m
    , 'ef_construction', ef_construction
    , 'create_when_queue_empty', create_when_queue_empty
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- ai.indexing_default() resolves through the GUC ai.indexing_default, like pgai
create or replace function ai._resolve_indexing_default() returns pg_catalog.jsonb
as $func$
    select case pg_catalog.current_setting('ai.indexing_default', true)
        when 'indexing_diskann' then ai.indexing_diskann()
        when 'indexing_hnsw' then ai.indexing_hnsw()
        else ai.indexing_none()
    end
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- starter 0.1.0 checked the dimensions here too; pgai's signature takes the config only
drop function if exists ai._validate_indexing(pg_catalog.jsonb, pg_catalog.int4);

create or replace function ai._validate_indexing(config pg_catalog.jsonb) returns void
as $func$
declare
    _implementation pg_catalog.text;
    _opclass pg_catalog.text;
begin
    perform ai._validate_config_object(config, 'indexing');
    _implementation = config operator(pg_catalog.->>) 'implementation';
    case _implementation
        when 'none' then
            -- nothing to build
        when 'hnsw' then
            _opclass = config operator(pg_catalog.->>) 'opclass';
            if _opclass is not null
            and _opclass operator(pg_catalog.<>) all (array['vector_cosine_ops', 'vector_ip_ops', 'vector_l1_ops', 'vector_l2_ops']) then
                raise exception 'invalid opclass "%"', _opclass
                using hint = 'use vector_cosine_ops, vector_ip_ops, vector_l1_ops or vector_l2_ops';
            end if;
        when 'diskann' then
            if not exists (select 1 from pg_catalog.pg_extension x where x.extname operator(pg_catalog.=) 'vectorscale') then
                raise exception 'indexing_diskann needs the vectorscale extension, which is not installed in this database'
                using hint = 'run create extension vectorscale, or use ai.indexing_hnsw()';
            end if;
            if (config operator(pg_catalog.->>) 'storage_layout') is not null
            and (config operator(pg_catalog.->>) 'storage_layout') operator(pg_catalog.<>) all (array['memory_optimized', 'plain']) then
                raise exception 'invalid storage_layout "%"', config operator(pg_catalog.->>) 'storage_layout'
                using hint = 'use memory_optimized or plain';
            end if;
        else
            raise exception 'invalid indexing implementation: "%"', _implementation
            using hint = 'use ai.indexing_default(), ai.indexing_none(), ai.indexing_hnsw() or ai.indexing_diskann()';
    end case;
    if _implementation operator(pg_catalog.<>) 'none'
    and pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'min_rows') is not distinct from 'number'
    and (config operator(pg_catalog.->>) 'min_rows')::pg_catalog.numeric operator(pg_catalog.<) 0 then
        raise exception 'min_rows must not be negative';
    end if;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

-- hnsw indexes vector columns of up to 2000 dimensions, and halfvec expressions of up to 4000
create or replace function ai._validate_indexing_dimensions
( indexing pg_catalog.jsonb
, dimensions pg_catalog.int4
) returns void
as $func$
begin
    if (indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'hnsw'
    and dimensions operator(pg_catalog.>) 4000 then
        raise exception 'an hnsw index supports at most 4000 dimensions, but the embedding has %', dimensions
        using hint = 'pass indexing => ai.indexing_none(), or choose an embedding with fewer dimensions';
    end if;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
