-- Helpers of both the starter's implementation of pgai's SQL API (idempotent/) and the additions, so installed on
-- every catalog. pgai has no functions of these names.

create or replace function ai._validate_config_object
( config pg_catalog.jsonb
, config_type pg_catalog.text
) returns void
as $func$
begin
    if pg_catalog.jsonb_typeof(config) is distinct from 'object' then
        raise exception '% config is not a jsonb object', config_type
        using hint = pg_catalog.format('build it with one of the ai.%s_* functions', config_type);
    end if;
    if (config operator(pg_catalog.->>) 'config_type') is distinct from config_type then
        raise exception 'invalid config_type for % config', config_type
        using hint = pg_catalog.format('expected "config_type": "%s", got %s', config_type,
            coalesce(config operator(pg_catalog.->) 'config_type', 'null'::pg_catalog.jsonb));
    end if;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- vectorizer lookup by name, with a clear error for unknown names
create or replace function ai._vectorizer_id(name pg_catalog.text) returns pg_catalog.int4
as $func$
declare
    _id pg_catalog.int4;
begin
    select v.id into _id from ai.vectorizer v where v.name operator(pg_catalog.=) _vectorizer_id.name;
    if not found then
        raise exception 'there is no vectorizer named "%"', _vectorizer_id.name
        using errcode = 'undefined_object', hint = 'select name from ai.vectorizer lists the vectorizers';
    end if;
    return _id;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._vectorizer(vectorizer_id pg_catalog.int4) returns ai.vectorizer
as $func$
declare
    _vec ai.vectorizer;
begin
    select v.* into _vec from ai.vectorizer v where v.id operator(pg_catalog.=) vectorizer_id;
    if not found then
        raise exception 'there is no vectorizer with id %', vectorizer_id
        using errcode = 'undefined_object', hint = 'select id, name from ai.vectorizer lists the vectorizers';
    end if;
    return _vec;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;
