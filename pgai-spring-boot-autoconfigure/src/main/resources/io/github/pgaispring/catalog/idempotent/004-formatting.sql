-- Formatting configuration: the text that is embedded and stored for each chunk.

create or replace function ai.formatting_python_template(template pg_catalog.text default '$chunk') returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'python_template'
    , 'config_type', 'formatting'
    , 'template', template
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.formatting_chunk_value() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'chunk_value', 'config_type', 'formatting')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_formatting
( config pg_catalog.jsonb
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns void
as $func$
declare
    _implementation pg_catalog.text;
begin
    perform ai._validate_config_object(config, 'formatting');
    _implementation = config operator(pg_catalog.->>) 'implementation';
    case _implementation
        when 'chunk_value' then
            -- the chunk as it is
        when 'python_template' then
            if coalesce(pg_catalog.strpos(config operator(pg_catalog.->>) 'template', '$chunk'), 0) operator(pg_catalog.=) 0 then
                raise exception 'template must contain $chunk placeholder'
                using hint = 'for example ai.formatting_python_template(''$title: $chunk'')';
            end if;
            if exists
            ( select 1
              from pg_catalog.pg_attribute a
              where a.attrelid operator(pg_catalog.=) pg_catalog.format('%I.%I', source_schema, source_table)::pg_catalog.regclass
              and a.attnum operator(pg_catalog.>) 0
              and not a.attisdropped
              and a.attname operator(pg_catalog.=) 'chunk'
            ) then
                raise exception 'formatting_python_template may not be used when source table has a column named "chunk"'
                using hint = 'rename the column, or use ai.formatting_chunk_value() with a column destination';
            end if;
        else
            raise exception 'unrecognized formatting implementation "%"', _implementation
            using hint = 'use ai.formatting_python_template(...) or ai.formatting_chunk_value()';
    end case;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;
