-- The legacy forms of ai.create_vectorizer, for statements written against the ai extension <= 0.9 (pgai < 0.10):
-- chunking names the column to embed (the json of the legacy chunking helpers) and the store may be named with
-- destination => 'name' or target_schema, target_table, view_schema and view_name. Both overloads translate the call
-- into one of the current ai.create_vectorizer, with loading => ai.loading_column(<chunk column>) as pgai's
-- migration 022 does, so they work the same over the starter's and over pgai's own current function.
--
-- Overload resolution: both take chunking as json, so a call passing jsonb chunking (every current helper) or none
-- never reaches them; and a call passing legacy chunking can reach nothing else. Between the two, destination =>
-- 'name' (an unknown literal, which prefers the name-typed parameter over jsonb) picks the first.

-- the starter 0.1.0 version, with jsonb chunking (pgai's old signature, which pgai's migration 021 drops)
drop function if exists ai.create_vectorizer(pg_catalog.regclass, pg_catalog.name, pg_catalog.jsonb, pg_catalog.jsonb,
    pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.jsonb, pg_catalog.name, pg_catalog.name,
    pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name[], pg_catalog.bool);

-- the current parameters plus the legacy destination overrides, told apart by the required legacy chunking
create or replace function ai.create_vectorizer
( source pg_catalog.regclass
, chunking pg_catalog.json
, name pg_catalog.text default null
, destination pg_catalog.jsonb default ai.destination_table()
, loading pg_catalog.jsonb default null
, parsing pg_catalog.jsonb default ai.parsing_auto()
, embedding pg_catalog.jsonb default null
, indexing pg_catalog.jsonb default ai.indexing_default()
, formatting pg_catalog.jsonb default ai.formatting_python_template()
, scheduling pg_catalog.jsonb default ai.scheduling_default()
, processing pg_catalog.jsonb default ai.processing_default()
, queue_schema pg_catalog.name default null
, queue_table pg_catalog.name default null
, grant_to pg_catalog.name[] default ai.grant_to()
, enqueue_existing pg_catalog.bool default true
, if_not_exists pg_catalog.bool default false
, target_schema pg_catalog.name default null
, target_table pg_catalog.name default null
, view_schema pg_catalog.name default null
, view_name pg_catalog.name default null
) returns pg_catalog.int4
as $func$
declare
    _chunking pg_catalog.jsonb = chunking::pg_catalog.jsonb;
    _chunk_column pg_catalog.name = _chunking operator(pg_catalog.->>) 'chunk_column';
    _loading pg_catalog.jsonb = loading;
    _destination pg_catalog.jsonb = destination;
begin
    if _chunk_column is not null then
        if _loading is null then
            _loading = ai.loading_column(_chunk_column);
        elsif (_loading operator(pg_catalog.->>) 'column_name') is distinct from _chunk_column then
            raise exception 'chunking names chunk_column "%" but loading loads column "%"', _chunk_column,
                _loading operator(pg_catalog.->>) 'column_name'
            using hint = 'drop the column from the chunking call: ai.chunking_recursive_character_text_splitter(chunk_size, chunk_overlap)';
        end if;
        _chunking = _chunking operator(pg_catalog.-) 'chunk_column';
    end if;
    if coalesce(target_schema, target_table, view_schema, view_name) is not null then
        if (_destination operator(pg_catalog.->>) 'implementation') is distinct from 'table' then
            raise exception 'target_schema, target_table, view_schema and view_name apply only to a table destination';
        end if;
        _destination = _destination operator(pg_catalog.||) pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
            ( 'target_schema', target_schema
            , 'target_table', target_table
            , 'view_schema', view_schema
            , 'view_name', view_name
            ));
    end if;
    return ai.create_vectorizer
    ( source
    , name => create_vectorizer.name
    , destination => _destination
    , loading => _loading
    , parsing => parsing
    , embedding => embedding
    , chunking => _chunking
    , indexing => indexing
    , formatting => formatting
    , scheduling => scheduling
    , processing => processing
    , queue_schema => queue_schema
    , queue_table => queue_table
    , grant_to => grant_to
    , enqueue_existing => enqueue_existing
    , if_not_exists => if_not_exists
    );
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- the ai extension's signature (<= 0.9), told apart by its required destination name
create or replace function ai.create_vectorizer
( source pg_catalog.regclass
, destination pg_catalog.name
, embedding pg_catalog.jsonb default null
, chunking pg_catalog.json default null
, indexing pg_catalog.jsonb default ai.indexing_default()
, formatting pg_catalog.jsonb default ai.formatting_python_template()
, scheduling pg_catalog.jsonb default ai.scheduling_default()
, processing pg_catalog.jsonb default ai.processing_default()
, target_schema pg_catalog.name default null
, target_table pg_catalog.name default null
, view_schema pg_catalog.name default null
, view_name pg_catalog.name default null
, queue_schema pg_catalog.name default null
, queue_table pg_catalog.name default null
, grant_to pg_catalog.name[] default ai.grant_to()
, enqueue_existing pg_catalog.bool default true
) returns pg_catalog.int4
as $func$
begin
    if pg_catalog.left(pg_catalog.ltrim(destination), 1) operator(pg_catalog.=) '{' then
        raise exception 'destination => ''%'' was read as the name of a legacy destination', destination
        using hint = 'pass a destination config as destination => ai.destination_table(...), or cast the literal to jsonb';
    end if;
    if chunking is null then
        raise exception 'chunking configuration is required'
        using hint = 'pass chunking => ai.chunking_recursive_character_text_splitter(''<column>'', ...)';
    end if;
    return ai.create_vectorizer
    ( source
    , chunking => chunking
    , destination => ai.destination_table(destination, target_schema, target_table, view_schema, view_name)
    , embedding => embedding
    , indexing => indexing
    , formatting => formatting
    , scheduling => scheduling
    , processing => processing
    , queue_schema => queue_schema
    , queue_table => queue_table
    , grant_to => grant_to
    , enqueue_existing => enqueue_existing
    );
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;
