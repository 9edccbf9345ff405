-- Scheduling configuration. The pgai-spring worker runs inside the application, so nothing needs scheduling;
-- timescaledb scheduling is accepted (and stored) only where timescaledb is installed.

create or replace function ai.scheduling_none() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'none', 'config_type', 'scheduling')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.scheduling_default() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'default', 'config_type', 'scheduling')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.scheduling_timescaledb
( schedule_interval pg_catalog.interval default interval '5m'
, initial_start pg_catalog.timestamptz default null
, fixed_schedule pg_catalog.bool default null
, timezone pg_catalog.text default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'timescaledb'
    , 'config_type', 'scheduling'
    , 'schedule_interval', schedule_interval
    , 'initial_start', initial_start
    , 'fixed_schedule', fixed_schedule
    , 'timezone', timezone
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- ai.scheduling_default() resolves through the GUC ai.scheduling_default, like pgai
create or replace function ai._resolve_scheduling_default() returns pg_catalog.jsonb
as $func$
    select case pg_catalog.current_setting('ai.scheduling_default', true)
        when 'scheduling_timescaledb' then ai.scheduling_timescaledb()
        else ai.scheduling_none()
    end
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_scheduling(config pg_catalog.jsonb) returns void
as $func$
begin
    perform ai._validate_config_object(config, 'scheduling');
    case config operator(pg_catalog.->>) 'implementation'
        when 'none' then
            -- the in-application worker processes the queue
        when 'timescaledb' then
            if not exists (select 1 from pg_catalog.pg_extension x where x.extname operator(pg_catalog.=) 'timescaledb') then
                raise exception 'scheduling_timescaledb needs the timescaledb extension, which is not installed in this database'
                using hint = 'use scheduling => ai.scheduling_none(): the pgai-spring worker runs inside the application';
            end if;
        else
            raise exception 'unrecognized scheduling implementation: "%"', config operator(pg_catalog.->>) 'implementation'
            using hint = 'use ai.scheduling_default(), ai.scheduling_none() or ai.scheduling_timescaledb()';
    end case;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;
