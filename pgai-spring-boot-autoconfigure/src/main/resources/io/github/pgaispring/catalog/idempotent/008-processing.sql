-- Processing configuration: batch size and concurrency of the worker.

create or replace function ai.processing_default
( batch_size pg_catalog.int4 default null
, concurrency pg_catalog.int4 default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'default'
    , 'config_type', 'processing'
    , 'batch_size', batch_size
    , 'concurrency', concurrency
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_processing(config pg_catalog.jsonb) returns void
as $func$
declare
    _setting record;
begin
    perform ai._validate_config_object(config, 'processing');
    if (config operator(pg_catalog.->>) 'implementation') is distinct from 'default' then
        raise exception 'unrecognized processing implementation: "%"', config operator(pg_catalog.->>) 'implementation'
        using hint = 'use ai.processing_default(...)';
    end if;
    for _setting in
        select s.key, s.maximum, config operator(pg_catalog.->) s.key as value
        from (values ('batch_size', 2048), ('concurrency', 50)) s(key, maximum)
    loop
        continue when _setting.value is null;
        if pg_catalog.jsonb_typeof(_setting.value) operator(pg_catalog.<>) 'number' then
            raise exception '% must be a number', _setting.key;
        end if;
        if _setting.value::pg_catalog.numeric operator(pg_catalog.>) _setting.maximum then
            raise exception '% must be less than or equal to %', _setting.key, _setting.maximum;
        end if;
        if _setting.value::pg_catalog.numeric operator(pg_catalog.<) 1 then
            raise exception '% must be greater than 0', _setting.key;
        end if;
    end loop;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
