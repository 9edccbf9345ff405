-- Destination configuration: a table (plus a view joining it to the source) or a column of the source table.

create or replace function ai.destination_table
( destination pg_catalog.name default null
, target_schema pg_catalog.name default null
, target_table pg_catalog.name default null
, view_schema pg_catalog.name default null
, view_name pg_catalog.name default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'table'
    , 'config_type', 'destination'
    , 'destination', destination
    , 'target_schema', target_schema
    , 'target_table', target_table
    , 'view_schema', view_schema
    , 'view_name', view_name
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.destination_column(embedding_column pg_catalog.name) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'column'
    , 'config_type', 'destination'
    , 'embedding_column', embedding_column
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_destination
( destination pg_catalog.jsonb
, chunking pg_catalog.jsonb
) returns void
as $func$
declare
    _implementation pg_catalog.text;
begin
    perform ai._validate_config_object(destination, 'destination');
    _implementation = destination operator(pg_catalog.->>) 'implementation';
    case _implementation
        when 'table' then
            -- names are checked once they are evaluated
        when 'column' then
            if (destination operator(pg_catalog.->>) 'embedding_column') is null then
                raise exception 'a column destination needs an embedding_column'
                using hint = 'use ai.destination_column(''<column>'')';
            end if;
            if (chunking operator(pg_catalog.->>) 'implementation') is distinct from 'none' then
                raise exception 'chunking must be none for column destination'
                using hint = 'a column holds one embedding per row: pass chunking => ai.chunking_none()';
            end if;
        else
            raise exception 'invalid implementation for destination "%"', _implementation
            using hint = 'use ai.destination_table(...) or ai.destination_column(...)';
    end case;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- Fills in the names pgai derives for a table destination; a column destination is kept as it is.
create or replace function ai._evaluate_destination
( destination pg_catalog.jsonb
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns pg_catalog.jsonb
as $func$
    select case destination operator(pg_catalog.->>) 'implementation'
        when 'table' then pg_catalog.jsonb_build_object
        ( 'implementation', 'table'
        , 'config_type', 'destination'
        , 'target_schema', coalesce(destination operator(pg_catalog.->>) 'target_schema', source_schema)
        , 'target_table', coalesce
            ( destination operator(pg_catalog.->>) 'target_table'
            , (destination operator(pg_catalog.->>) 'destination') operator(pg_catalog.||) '_store'
            , source_table operator(pg_catalog.||) '_embedding_store'
            )::pg_catalog.name
        , 'view_schema', coalesce(destination operator(pg_catalog.->>) 'view_schema', source_schema)
        , 'view_name', coalesce
            ( destination operator(pg_catalog.->>) 'view_name'
            , destination operator(pg_catalog.->>) 'destination'
            , source_table operator(pg_catalog.||) '_embedding'
            )::pg_catalog.name
        )
        else pg_catalog.jsonb_build_object
        ( 'implementation', 'column'
        , 'config_type', 'destination'
        , 'embedding_column', destination operator(pg_catalog.->>) 'embedding_column'
        )
    end
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;
