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

-- A python_template as pgai's worker applies it (Python's string.Template.substitute(chunk=..., **row)): every
-- placeholder must be $chunk, a column of the source table, or loading_retries (pgai's worker adds the queue's
-- retry count to each row); a $ that starts no placeholder is Python's "Invalid placeholder" error. Checked here
-- rather than failing every row in the worker. A source column named "chunk" would clash with the chunk.
create or replace function ai._validate_formatting_python_template
( config pg_catalog.jsonb
, source_schema pg_catalog.name
, source_table pg_catalog.name
) returns void
as $func$
declare
    _template pg_catalog.text = config operator(pg_catalog.->>) 'template';
    _source pg_catalog.regclass = pg_catalog.format('%I.%I', source_schema, source_table)::pg_catalog.regclass;
    _columns pg_catalog.name[];
    _placeholders pg_catalog.text[];
    _unknown pg_catalog.text;
    _invalid pg_catalog.bool;
begin
    if _template is null then
        raise exception 'a python_template formatting needs a template'
        using hint = 'for example ai.formatting_python_template(''$title: $chunk'')';
    end if;
    select pg_catalog.array_agg(a.attname order by a.attnum) into _columns
    from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) _source
    and a.attnum operator(pg_catalog.>) 0
    and not a.attisdropped;
    if 'chunk' operator(pg_catalog.=) any (_columns) then
        raise exception 'formatting_python_template may not be used when source table has a column named "chunk"'
        using hint = 'rename the column, or use ai.formatting_chunk_value() with a column destination';
    end if;

    -- string.Template's pattern: $$, $name, ${name} or (an invalid placeholder) a lone $
    select pg_catalog.array_agg(coalesce(m[2], m[3]) order by n)
    filter (where m[2] is not null or m[3] is not null)
    , pg_catalog.bool_or(m[4] is not null)
    into _placeholders, _invalid
    from pg_catalog.regexp_matches(_template, '\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())', 'g')
        with ordinality r(m, n);
    if _invalid then
        raise exception 'formatting template % has a $ that starts no placeholder', pg_catalog.quote_literal(_template)
        using errcode = 'invalid_parameter_value'
        , hint = 'placeholders are $name or ${name}; write $$ for a literal $';
    end if;
    if not 'chunk' operator(pg_catalog.=) any (coalesce(_placeholders, array[]::pg_catalog.text[])) then
        raise exception 'template must contain $chunk placeholder'
        using hint = 'for example ai.formatting_python_template(''$title: $chunk'')';
    end if;
    select p into _unknown
    from pg_catalog.unnest(_placeholders) with ordinality x(p, n)
    where p operator(pg_catalog.<>) all (array['chunk', 'loading_retries'])
    and not p operator(pg_catalog.=) any (_columns::pg_catalog.text[])
    order by n
    limit 1;
    if found then
        raise exception 'formatting template % uses $%, but %.% has no column "%" (its columns: %)',
            pg_catalog.quote_literal(_template), _unknown, source_schema, source_table, _unknown,
            pg_catalog.array_to_string(_columns, ', ')
        using errcode = 'undefined_column'
        , hint = 'use $chunk and columns of the source table in the template, or add the column to the table';
    end if;
end
$func$ language plpgsql stable security invoker
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
            perform ai._validate_formatting_python_template(config, source_schema, source_table);
        else
            raise exception 'unrecognized formatting implementation "%"', _implementation
            using hint = 'use ai.formatting_python_template(...) or ai.formatting_chunk_value()';
    end case;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;
