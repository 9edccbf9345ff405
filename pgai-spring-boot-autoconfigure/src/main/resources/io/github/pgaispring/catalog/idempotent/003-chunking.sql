-- Chunking configuration: how loaded text is split before embedding. (The legacy overloads that take the chunk
-- column first are additions: additions/003-legacy-chunking.sql.)

create or replace function ai.chunking_character_text_splitter
( chunk_size pg_catalog.int4 default 800
, chunk_overlap pg_catalog.int4 default 400
, separator pg_catalog.text default E'\n\n'
, is_separator_regex pg_catalog.bool default false
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'character_text_splitter'
    , 'config_type', 'chunking'
    , 'chunk_size', chunk_size
    , 'chunk_overlap', chunk_overlap
    , 'separator', separator
    , 'is_separator_regex', is_separator_regex
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.chunking_recursive_character_text_splitter
( chunk_size pg_catalog.int4 default 800
, chunk_overlap pg_catalog.int4 default 400
, separators pg_catalog.text[] default array[E'\n\n', E'\n', '.', '?', '!', ' ', '']
, is_separator_regex pg_catalog.bool default false
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'recursive_character_text_splitter'
    , 'config_type', 'chunking'
    , 'chunk_size', chunk_size
    , 'chunk_overlap', chunk_overlap
    , 'separators', separators
    , 'is_separator_regex', is_separator_regex
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.chunking_none() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'none', 'config_type', 'chunking')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_chunking(config pg_catalog.jsonb) returns void
as $func$
declare
    _implementation pg_catalog.text;
    _size pg_catalog.numeric;
    _overlap pg_catalog.numeric;
begin
    perform ai._validate_config_object(config, 'chunking');
    _implementation = config operator(pg_catalog.->>) 'implementation';
    if _implementation is null
    or _implementation operator(pg_catalog.<>) all (array['character_text_splitter', 'recursive_character_text_splitter', 'none']) then
        raise exception 'invalid chunking config implementation "%"', _implementation
        using hint = 'use ai.chunking_recursive_character_text_splitter, ai.chunking_character_text_splitter or ai.chunking_none';
    end if;
    if _implementation operator(pg_catalog.=) 'none' then
        return;
    end if;

    if pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'chunk_size') is distinct from 'number'
    or pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'chunk_overlap') is distinct from 'number' then
        raise exception 'chunk_size and chunk_overlap are required numbers in the chunking config';
    end if;
    _size = (config operator(pg_catalog.->>) 'chunk_size')::pg_catalog.numeric;
    _overlap = (config operator(pg_catalog.->>) 'chunk_overlap')::pg_catalog.numeric;
    if _size operator(pg_catalog.<=) 0 then
        raise exception 'chunk_size must be greater than 0, not %', _size;
    end if;
    if _overlap operator(pg_catalog.<) 0 then
        raise exception 'chunk_overlap must not be negative, not %', _overlap;
    end if;
    if _overlap operator(pg_catalog.>=) _size then
        raise exception 'chunk_overlap (%) must be less than chunk_size (%)', _overlap, _size
        using hint = 'chunks overlap by chunk_overlap characters, so it must leave room for new text in every chunk';
    end if;
    if _implementation operator(pg_catalog.=) 'character_text_splitter'
    and pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'separator') is distinct from 'string' then
        raise exception 'the character_text_splitter needs a separator string';
    end if;
    if _implementation operator(pg_catalog.=) 'recursive_character_text_splitter'
    and (pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'separators') is distinct from 'array'
        or exists (
            select 1 from pg_catalog.jsonb_array_elements(config operator(pg_catalog.->) 'separators') s
            where pg_catalog.jsonb_typeof(s) operator(pg_catalog.<>) 'string')) then
        raise exception 'the recursive_character_text_splitter needs separators, an array of strings';
    end if;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
