-- Shared shape check of every *_config argument: a jsonb object tagged with its config_type.

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
