-- Loading and parsing configuration: what to embed and how to turn it into text.

create or replace function ai.loading_column
( column_name pg_catalog.name
, retries pg_catalog.int4 default 6
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object
    ( 'implementation', 'column'
    , 'config_type', 'loading'
    , 'column_name', column_name
    , 'retries', retries
    )
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.loading_uri
( column_name pg_catalog.name
, retries pg_catalog.int4 default 6
, aws_role_arn pg_catalog.text default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'uri'
    , 'config_type', 'loading'
    , 'column_name', column_name
    , 'retries', retries
    , 'aws_role_arn', aws_role_arn
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_loading
( config pg_catalog.jsonb
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns void
as $func$
declare
    _implementation pg_catalog.text;
    _column_name pg_catalog.name;
    _column_type pg_catalog.name;
begin
    perform ai._validate_config_object(config, 'loading');
    _implementation = config operator(pg_catalog.->>) 'implementation';
    if _implementation is null or _implementation operator(pg_catalog.<>) all (array['column', 'uri']) then
        raise exception 'invalid loading config implementation "%"', _implementation
        using hint = 'use ai.loading_column(''<column>'')';
    end if;
    if _implementation operator(pg_catalog.=) 'uri' then
        raise exception 'ai.loading_uri is not supported: the pgai-spring worker loads text from a column only'
        using hint = 'store the document text in a column and use ai.loading_column(''<column>'')';
    end if;

    _column_name = config operator(pg_catalog.->>) 'column_name';
    if _column_name is null then
        raise exception 'invalid loading config, missing column_name';
    end if;
    if pg_catalog.jsonb_typeof(config operator(pg_catalog.->) 'retries') is distinct from 'number'
    or (config operator(pg_catalog.->>) 'retries')::pg_catalog.numeric operator(pg_catalog.<) 0 then
        raise exception 'invalid loading config, retries must be a non-negative integer';
    end if;

    select y.typname into _column_type
    from pg_catalog.pg_class k
    inner join pg_catalog.pg_namespace n on (k.relnamespace operator(pg_catalog.=) n.oid)
    inner join pg_catalog.pg_attribute a on (k.oid operator(pg_catalog.=) a.attrelid)
    inner join pg_catalog.pg_type y on (a.atttypid operator(pg_catalog.=) y.oid)
    where n.nspname operator(pg_catalog.=) source_schema
    and k.relname operator(pg_catalog.=) source_table
    and a.attnum operator(pg_catalog.>) 0
    and not a.attisdropped
    and a.attname operator(pg_catalog.=) _column_name;

    if _column_type is null then
        raise exception 'column_name in config does not exist in the table: %', _column_name
        using hint = pg_catalog.format('the loading column must be a column of %I.%I', source_schema, source_table);
    end if;
    if _column_type operator(pg_catalog.=) 'bytea' then
        raise exception 'column_name % in config is of type bytea, but the pgai-spring worker embeds text only', _column_name
        using hint = 'load from a column of type text, varchar, char or bpchar';
    end if;
    if _column_type operator(pg_catalog.<>) all (array['text', 'varchar', 'char', 'bpchar']) then
        raise exception 'column_name % in config is of invalid type % supported types are: text, varchar, char, bpchar', _column_name, _column_type;
    end if;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.parsing_auto() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'auto', 'config_type', 'parsing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.parsing_none() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'none', 'config_type', 'parsing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.parsing_pymupdf() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'pymupdf', 'config_type', 'parsing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.parsing_docling() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'docling', 'config_type', 'parsing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- the loading config has been validated already, so its column exists and holds text
create or replace function ai._validate_parsing
( parsing pg_catalog.jsonb
, loading pg_catalog.jsonb
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns void
as $func$
declare
    _implementation pg_catalog.text;
begin
    perform ai._validate_config_object(parsing, 'parsing');
    _implementation = parsing operator(pg_catalog.->>) 'implementation';
    if _implementation is null or _implementation operator(pg_catalog.<>) all (array['auto', 'none', 'pymupdf', 'docling']) then
        raise exception 'invalid parsing config implementation "%"', _implementation
        using hint = 'use ai.parsing_auto() or ai.parsing_none()';
    end if;
    if _implementation operator(pg_catalog.=) any (array['pymupdf', 'docling']) then
        raise exception 'parsing_% needs a bytea loading column, but column % of %.% holds text', _implementation,
            loading operator(pg_catalog.->>) 'column_name', source_schema, source_table
        using hint = 'use ai.parsing_auto() or ai.parsing_none() for text columns';
    end if;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;
