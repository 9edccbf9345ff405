-- Changing a vectorizer without downtime: ai.migrate_vectorizer builds a new store beside the current one with an
-- ordinary vectorizer of its own (queue, failed queue, triggers, "<name>_next"), which any worker backfills while the
-- current store keeps serving; ai.finish_vectorizer_migration then switches in one transaction: the current
-- vectorizer's triggers, queues and store go, the new store, queues and triggers take their names (so the store's
-- name, which repositories map, always holds the live store), the view reads the new store, and the vectorizer row
-- (its id too) gets the new configuration. Changes that need no re-embedding (indexing, scheduling, processing) apply
-- in place. The migrations in progress are recorded in ai.pgai_spring_vectorizer_migration (migration V003), the
-- switched ones in ai.pgai_spring_vectorizer_migration_history (migration V004).
--
-- Only pgai's public functions (ai.create_vectorizer, ai.set_scheduling, ai.drop_vectorizer, ...) and pgai's
-- ai._vectorizer_build_trigger_definition are called, so this works over pgai's own SQL API as well.

-- A name of at most 63 bytes: base, shortened as needed, and suffix.
create or replace function ai._vectorizer_migration_name
( base pg_catalog.name
, suffix pg_catalog.text
) returns pg_catalog.name
as $func$
declare
    _base pg_catalog.text = base;
begin
    while pg_catalog.octet_length(_base) operator(pg_catalog.+) pg_catalog.octet_length(suffix) operator(pg_catalog.>) 63 loop
        _base = pg_catalog.left(_base, -1);
    end loop;
    return _base operator(pg_catalog.||) suffix;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- The parts of a config that decide what the chunks and embeddings are: a change in one of them re-embeds every row.
create or replace function ai._vectorizer_embedded_config(config pg_catalog.jsonb) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object
    ( 'loading', config operator(pg_catalog.->) 'loading'
    , 'parsing', config operator(pg_catalog.->) 'parsing'
    , 'embedding', config operator(pg_catalog.->) 'embedding'
    , 'chunking', config operator(pg_catalog.->) 'chunking'
    , 'formatting', config operator(pg_catalog.->) 'formatting'
    )
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- Applies the indexing, scheduling and processing of wanted to a vectorizer, in place. True when one changed.
create or replace function ai._vectorizer_change_in_place
( vectorizer_id pg_catalog.int4
, wanted pg_catalog.jsonb
) returns pg_catalog.bool
as $func$
declare
    _config pg_catalog.jsonb = (ai._vectorizer(vectorizer_id)).config;
    _changed pg_catalog.bool = false;
begin
    if (wanted operator(pg_catalog.->) 'indexing') is distinct from (_config operator(pg_catalog.->) 'indexing')
    or (wanted operator(pg_catalog.->) 'scheduling') is distinct from (_config operator(pg_catalog.->) 'scheduling') then
        perform ai.set_scheduling(vectorizer_id, wanted operator(pg_catalog.->) 'scheduling', wanted operator(pg_catalog.->) 'indexing');
        _changed = true;
    end if;
    if (wanted operator(pg_catalog.->) 'processing') is distinct from (_config operator(pg_catalog.->) 'processing') then
        perform ai._validate_processing(wanted operator(pg_catalog.->) 'processing');
        update ai.vectorizer v
        set config = pg_catalog.jsonb_set(v.config, '{processing}', wanted operator(pg_catalog.->) 'processing')
        where v.id operator(pg_catalog.=) vectorizer_id;
        _changed = true;
    end if;
    return _changed;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Grants on target what source grants to others than target's owner: the roles that use a store or queue keep
-- their access to the one that replaces it.
create or replace function ai._vectorizer_copy_grants
( source_relation pg_catalog.regclass
, target_relation pg_catalog.regclass
) returns void
as $func$
declare
    _grant record;
begin
    for _grant in
        select a.privilege_type, a.is_grantable
        , case when a.grantee operator(pg_catalog.=) 0 then 'public' else pg_catalog.quote_ident(r.rolname) end as grantee
        from pg_catalog.pg_class c
        cross join lateral pg_catalog.aclexplode(c.relacl) a
        left outer join pg_catalog.pg_roles r on (r.oid operator(pg_catalog.=) a.grantee)
        where c.oid operator(pg_catalog.=) source_relation
        and a.grantee operator(pg_catalog.<>)
            (select t.relowner from pg_catalog.pg_class t where t.oid operator(pg_catalog.=) target_relation)
    loop
        execute pg_catalog.format('grant %s on table %s to %s%s', _grant.privilege_type, target_relation, _grant.grantee,
            case when _grant.is_grantable then ' with grant option' else '' end);
    end loop;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Whether the table has a vector index (hnsw, diskann or ivfflat) on its embedding column.
create or replace function ai._vectorizer_has_vector_index
( table_schema pg_catalog.name
, table_name pg_catalog.name
) returns pg_catalog.bool
as $func$
    select exists
    ( select 1
      from pg_catalog.pg_index i
      inner join pg_catalog.pg_class ic on (ic.oid operator(pg_catalog.=) i.indexrelid)
      inner join pg_catalog.pg_am am on (am.oid operator(pg_catalog.=) ic.relam)
      where i.indrelid operator(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', table_schema, table_name))
      and am.amname operator(pg_catalog.=) any (array['hnsw', 'diskann', 'ivfflat'])
      and pg_catalog.pg_get_indexdef(i.indexrelid) operator(pg_catalog.~) '\membedding\M'
    )
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

-- Why the migration of vectorizer to target cannot switch yet, or null when it can: rows still queued for the new
-- store (retries included), rows the new configuration failed to embed that the current one did not fail, or the
-- vector index of the new store, when the current store has one and the new configuration asks for one.
create or replace function ai._vectorizer_migration_waiting_for
( vectorizer ai.vectorizer
, target ai.vectorizer
) returns pg_catalog.text
as $func$
declare
    _count pg_catalog.int8;
    _destination pg_catalog.jsonb = vectorizer.config operator(pg_catalog.->) 'destination';
    _target_destination pg_catalog.jsonb = target.config operator(pg_catalog.->) 'destination';
    _same_key pg_catalog.text;
begin
    execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', target.queue_schema, target.queue_table) into _count;
    if _count operator(pg_catalog.>) 0 then
        return pg_catalog.format('%s queued rows', _count);
    end if;
    if pg_catalog.to_regclass(pg_catalog.format('%I.%I', vectorizer.queue_schema, vectorizer.queue_failed_table)) is null then
        execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', target.queue_schema, target.queue_failed_table)
        into _count;
    else
        select pg_catalog.string_agg(pg_catalog.format('o.%1$I operator(pg_catalog.=) f.%1$I', x.attname), ' and ')
        into _same_key
        from pg_catalog.jsonb_to_recordset(target.source_pk) x(attname pg_catalog.name);
        execute pg_catalog.format('select pg_catalog.count(*) from %I.%I f where not exists (select 1 from %I.%I o where %s)',
            target.queue_schema, target.queue_failed_table, vectorizer.queue_schema, vectorizer.queue_failed_table, _same_key)
        into _count;
    end if;
    if _count operator(pg_catalog.>) 0 then
        return pg_catalog.format('%s rows that the new configuration failed to embed (in %I.%I, reasons in ai.vectorizer_errors)',
            _count, target.queue_schema, target.queue_failed_table);
    end if;
    if coalesce(target.config operator(pg_catalog.->) 'indexing' operator(pg_catalog.->>) 'implementation', 'none') operator(pg_catalog.<>) 'none'
    and ai._vectorizer_has_vector_index(_destination operator(pg_catalog.->>) 'target_schema', _destination operator(pg_catalog.->>) 'target_table')
    and not ai._vectorizer_has_vector_index(_target_destination operator(pg_catalog.->>) 'target_schema',
        _target_destination operator(pg_catalog.->>) 'target_table') then
        return 'the vector index of the new store';
    end if;
    return null;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

-- Drops a migration's target (with its store) and forgets the migration.
create or replace function ai._vectorizer_migration_cancel(vectorizer_id pg_catalog.int4) returns void
as $func$
declare
    _target_id pg_catalog.int4;
begin
    delete from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) _vectorizer_migration_cancel.vectorizer_id
    returning m.target_id into _target_id;
    if exists (select 1 from ai.vectorizer v where v.id operator(pg_catalog.=) _target_id) then
        perform ai.drop_vectorizer(_target_id, drop_all => true);
    end if;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Creates the target of a migration: a vectorizer with the wanted config, writing "<store>_next" (view "<view>_next"),
-- its queues in the same schema and every source row queued; the grants of the current store and queues, and the
-- current text index, are copied.
create or replace function ai._vectorizer_migration_start
( vectorizer ai.vectorizer
, wanted pg_catalog.jsonb
) returns pg_catalog.int4
as $func$
declare
    _destination pg_catalog.jsonb = vectorizer.config operator(pg_catalog.->) 'destination';
    _schema pg_catalog.name = _destination operator(pg_catalog.->>) 'target_schema';
    _store pg_catalog.name = _destination operator(pg_catalog.->>) 'target_table';
    _target_store pg_catalog.name = ai._vectorizer_migration_name(_destination operator(pg_catalog.->>) 'target_table', '_next');
    _target_name pg_catalog.name = ai._vectorizer_migration_name(vectorizer.name, '_next');
    _target ai.vectorizer;
    _target_id pg_catalog.int4;
    _backfill pg_catalog.int8;
begin
    if (_destination operator(pg_catalog.->>) 'implementation') is distinct from 'table' then
        raise exception 'vectorizer % stores its embeddings in a column of its source table; a migration builds a new store beside the current one, which needs a table destination', vectorizer.name
        using errcode = 'feature_not_supported'
        , hint = 'drop and create the vectorizer again (pgai.vectorizers.<name>.on-change=recreate), which re-embeds every row in place';
    end if;
    if exists (select 1 from ai.vectorizer v where v.name operator(pg_catalog.=) _target_name) then
        raise exception 'the migration of vectorizer % needs the name %, which another vectorizer has', vectorizer.name, _target_name
        using errcode = 'duplicate_object', hint = pg_catalog.format('rename or drop vectorizer %s', _target_name);
    end if;
    _target_id = ai.create_vectorizer
    ( pg_catalog.format('%I.%I', vectorizer.source_schema, vectorizer.source_table)::pg_catalog.regclass
    , name => _target_name
    , destination => ai.destination_table(target_schema => _schema, target_table => _target_store,
        view_schema => _destination operator(pg_catalog.->>) 'view_schema',
        view_name => ai._vectorizer_migration_name(_destination operator(pg_catalog.->>) 'view_name', '_next'))
    , loading => wanted operator(pg_catalog.->) 'loading'
    , parsing => wanted operator(pg_catalog.->) 'parsing'
    , embedding => wanted operator(pg_catalog.->) 'embedding'
    , chunking => wanted operator(pg_catalog.->) 'chunking'
    , indexing => wanted operator(pg_catalog.->) 'indexing'
    , formatting => wanted operator(pg_catalog.->) 'formatting'
    , scheduling => (wanted operator(pg_catalog.->) 'scheduling') operator(pg_catalog.-) 'job_id'
    , processing => wanted operator(pg_catalog.->) 'processing'
    , queue_schema => vectorizer.queue_schema
    , grant_to => array[]::pg_catalog.name[]
    , enqueue_existing => true
    );
    -- a statement of its own: ai._vectorizer is stable, so it would not see the row of a call in the same statement
    _target = ai._vectorizer(_target_id);
    perform ai._vectorizer_copy_grants(pg_catalog.format('%I.%I', _schema, _store)::pg_catalog.regclass,
        pg_catalog.format('%I.%I', _schema, _target_store)::pg_catalog.regclass);
    perform ai._vectorizer_copy_grants(pg_catalog.format('%I.%I', vectorizer.queue_schema, vectorizer.queue_table)::pg_catalog.regclass,
        pg_catalog.format('%I.%I', _target.queue_schema, _target.queue_table)::pg_catalog.regclass);
    if pg_catalog.to_regclass(pg_catalog.format('%I.%I', vectorizer.queue_schema, vectorizer.queue_failed_table)) is not null then
        perform ai._vectorizer_copy_grants(pg_catalog.format('%I.%I', vectorizer.queue_schema, vectorizer.queue_failed_table)::pg_catalog.regclass,
            pg_catalog.format('%I.%I', _target.queue_schema, _target.queue_failed_table)::pg_catalog.regclass);
    end if;
    if vectorizer.config operator(pg_catalog.?) 'text_indexing' then
        perform ai._vectorizer_set_text_index(_schema, _target_store, vectorizer.config operator(pg_catalog.->) 'text_indexing');
        update ai.vectorizer v
        set config = v.config operator(pg_catalog.||) pg_catalog.jsonb_build_object('text_indexing', vectorizer.config operator(pg_catalog.->) 'text_indexing')
        where v.id operator(pg_catalog.=) _target.id;
    end if;
    execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', _target.queue_schema, _target.queue_table) into _backfill;
    insert into ai.pgai_spring_vectorizer_migration (vectorizer_id, target_id, backfill_rows)
    values (vectorizer.id, _target.id, _backfill);
    return _target.id;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- ai.migrate_vectorizer: changes a vectorizer's definition. The parts given replace the stored ones; a part left
-- null keeps its stored value. What it did:
--   'unchanged'  nothing differs (and no migration runs);
--   'updated'    only indexing, scheduling or processing differ: applied in place, nothing is re-embedded;
--   'cancelled'  the embedded parts are the stored ones again: the migration that ran to other ones is dropped;
--   'started'    a migration to the new definition starts (the target vectorizer "<name>_next" builds "<store>_next");
--   'running'    a migration to this definition runs already (its indexing, scheduling and processing are updated);
--   'restarted'  a migration to another definition ran: it is dropped and one to this definition starts.
-- A transaction-level advisory lock on the name serialises it with the starter's declared vectorizers and
-- ai.finish_vectorizer_migration, so application instances starting with the same definition start one migration.
create or replace function ai.migrate_vectorizer
( name pg_catalog.text
, loading pg_catalog.jsonb default null
, parsing pg_catalog.jsonb default null
, embedding pg_catalog.jsonb default null
, chunking pg_catalog.jsonb default null
, formatting pg_catalog.jsonb default null
, indexing pg_catalog.jsonb default null
, scheduling pg_catalog.jsonb default null
, processing pg_catalog.jsonb default null
) returns pg_catalog.text
as $func$
declare
    _vec ai.vectorizer;
    _wanted pg_catalog.jsonb;
    _target ai.vectorizer;
    _migrating pg_catalog.bool;
    _changed pg_catalog.bool;
begin
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('pgai-vectorizer:' operator(pg_catalog.||) migrate_vectorizer.name));
    select v.* into _vec from ai.vectorizer v
    where v.id operator(pg_catalog.=) ai._vectorizer_id(migrate_vectorizer.name) for update;
    if exists (select 1 from ai.pgai_spring_vectorizer_migration m where m.target_id operator(pg_catalog.=) _vec.id) then
        raise exception 'vectorizer % is the new version of a vectorizer being migrated', _vec.name
        using errcode = 'object_in_use', hint = 'migrate the vectorizer it replaces instead';
    end if;

    if (indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        indexing = ai._resolve_indexing_default();
    end if;
    if (scheduling operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'default' then
        scheduling = ai._resolve_scheduling_default();
    end if;
    _wanted = _vec.config;
    if loading is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{loading}', loading); end if;
    if parsing is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{parsing}', parsing); end if;
    if embedding is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{embedding}', embedding); end if;
    if chunking is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{chunking}', chunking); end if;
    if formatting is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{formatting}', formatting); end if;
    if indexing is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{indexing}', indexing); end if;
    if scheduling is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{scheduling}', scheduling); end if;
    if processing is not null then _wanted = pg_catalog.jsonb_set(_wanted, '{processing}', processing); end if;

    select t.* into _target
    from ai.pgai_spring_vectorizer_migration m
    inner join ai.vectorizer t on (t.id operator(pg_catalog.=) m.target_id)
    where m.vectorizer_id operator(pg_catalog.=) _vec.id;
    _migrating = found;
    if not _migrating then
        -- a target dropped by hand ended its migration
        delete from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) _vec.id;
    end if;

    if ai._vectorizer_embedded_config(_wanted) operator(pg_catalog.=) ai._vectorizer_embedded_config(_vec.config) then
        if _migrating then
            perform ai._vectorizer_migration_cancel(_vec.id);
        end if;
        _changed = ai._vectorizer_change_in_place(_vec.id, _wanted);
        return case when _migrating then 'cancelled' when _changed then 'updated' else 'unchanged' end;
    end if;
    if _migrating and ai._vectorizer_embedded_config(_wanted) operator(pg_catalog.=) ai._vectorizer_embedded_config(_target.config) then
        perform ai._vectorizer_change_in_place(_target.id, _wanted);
        return 'running';
    end if;
    if _migrating then
        perform ai._vectorizer_migration_cancel(_vec.id);
    end if;
    perform ai._vectorizer_migration_start(_vec, _wanted);
    return case when _migrating then 'restarted' else 'started' end;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- ai.cancel_vectorizer_migration: drops the migration's target with its store; the vectorizer stays as it is. True
-- when a migration was running.
create or replace function ai.cancel_vectorizer_migration(name pg_catalog.text) returns pg_catalog.bool
as $func$
declare
    _id pg_catalog.int4 = ai._vectorizer_id(cancel_vectorizer_migration.name);
begin
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('pgai-vectorizer:' operator(pg_catalog.||) cancel_vectorizer_migration.name));
    if not exists (select 1 from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) _id) then
        return false;
    end if;
    perform ai._vectorizer_migration_cancel(_id);
    return true;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The view of the current store, made to read the new one: replaced, or, when its column types change (other
-- dimensions), created again with the grants of the one it replaces.
create or replace function ai._vectorizer_migration_replace_view
( view_schema pg_catalog.name
, view_name pg_catalog.name
, definition pg_catalog.text
) returns void
as $func$
declare
    _previous pg_catalog.name = ai._vectorizer_migration_name(view_name, '_previous');
begin
    begin
        execute pg_catalog.format('create or replace view %I.%I as %s', view_schema, view_name, definition);
        return;
    exception when invalid_table_definition then
        -- "cannot change data type of view column"
    end;
    execute pg_catalog.format('alter view %I.%I rename to %I', view_schema, view_name, _previous);
    execute pg_catalog.format('create view %I.%I as %s', view_schema, view_name, definition);
    perform ai._vectorizer_copy_grants(pg_catalog.format('%I.%I', view_schema, _previous)::pg_catalog.regclass,
        pg_catalog.format('%I.%I', view_schema, view_name)::pg_catalog.regclass);
    execute pg_catalog.format('drop view %I.%I', view_schema, _previous);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- Gives the indexes of a renamed store the names they would have had on a store created with its name.
create or replace function ai._vectorizer_migration_rename_indexes
( table_schema pg_catalog.name
, table_name pg_catalog.name
, previous_name pg_catalog.name
) returns void
as $func$
declare
    _index pg_catalog.name;
    _name pg_catalog.text;
begin
    for _index in
        select ic.relname
        from pg_catalog.pg_index i
        inner join pg_catalog.pg_class ic on (ic.oid operator(pg_catalog.=) i.indexrelid)
        where i.indrelid operator(pg_catalog.=) pg_catalog.format('%I.%I', table_schema, table_name)::pg_catalog.regclass
        and pg_catalog.starts_with(ic.relname, previous_name)
    loop
        _name = table_name operator(pg_catalog.||) pg_catalog.substr(_index, pg_catalog.length(previous_name) operator(pg_catalog.+) 1);
        if pg_catalog.octet_length(_name) operator(pg_catalog.<=) 63
        and pg_catalog.to_regclass(pg_catalog.format('%I.%I', table_schema, _name)) is null then
            execute pg_catalog.format('alter index %I.%I rename to %I', table_schema, _index, _name);
        end if;
    end loop;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The switch, with every object involved locked: the current vectorizer's triggers, queues and store are dropped;
-- the target's store, view definition, queues and triggers take their names; the vectorizer row gets the target's
-- configuration (its destination names stay) and the target's errors; the target row goes.
create or replace function ai._vectorizer_migration_switch
( vectorizer ai.vectorizer
, target ai.vectorizer
) returns void
as $func$
declare
    _destination pg_catalog.jsonb = vectorizer.config operator(pg_catalog.->) 'destination';
    _schema pg_catalog.name = _destination operator(pg_catalog.->>) 'target_schema';
    _store pg_catalog.name = _destination operator(pg_catalog.->>) 'target_table';
    _target_store pg_catalog.name = target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table';
    _previous_store pg_catalog.name = ai._vectorizer_migration_name(_store, '_previous');
    _definition pg_catalog.text;
    _parallel pg_catalog.text;
begin
    execute pg_catalog.format('drop trigger if exists %I on %I.%I', vectorizer.trigger_name,
        vectorizer.source_schema, vectorizer.source_table);
    execute pg_catalog.format('drop trigger if exists %I on %I.%I', vectorizer.trigger_name operator(pg_catalog.||) '_truncate',
        vectorizer.source_schema, vectorizer.source_table);
    -- the wake-up trigger of the starter's catalog (idempotent/020-queue-notify.sql), which pgai's catalog lacks
    execute pg_catalog.format('drop trigger if exists %I on %I.%I', vectorizer.trigger_name operator(pg_catalog.||) '_notify',
        vectorizer.source_schema, vectorizer.source_table);
    execute pg_catalog.format('drop function if exists %I.%I()', vectorizer.queue_schema, vectorizer.trigger_name);
    execute pg_catalog.format('drop table if exists %I.%I', vectorizer.queue_schema, vectorizer.queue_table);
    execute pg_catalog.format('drop table if exists %I.%I', vectorizer.queue_schema, vectorizer.queue_failed_table);

    execute pg_catalog.format('alter table %I.%I rename to %I', _schema, _store, _previous_store);
    execute pg_catalog.format('alter table %I.%I rename to %I', _schema, _target_store, _store);
    _definition = pg_catalog.pg_get_viewdef(pg_catalog.format('%I.%I',
        target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_schema',
        target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_name')::pg_catalog.regclass);
    perform ai._vectorizer_migration_replace_view(_destination operator(pg_catalog.->>) 'view_schema',
        _destination operator(pg_catalog.->>) 'view_name', _definition);
    execute pg_catalog.format('drop view %I.%I', target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_schema',
        target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'view_name');
    execute pg_catalog.format('drop table %I.%I', _schema, _previous_store);
    perform ai._vectorizer_migration_rename_indexes(_schema, _store, _target_store);

    execute pg_catalog.format('alter table %I.%I rename to %I', target.queue_schema, target.queue_table, vectorizer.queue_table);
    perform ai._vectorizer_migration_rename_indexes(target.queue_schema, vectorizer.queue_table, target.queue_table);
    if target.queue_failed_table is not null and vectorizer.queue_failed_table is not null then
        execute pg_catalog.format('alter table %I.%I rename to %I', target.queue_schema, target.queue_failed_table,
            vectorizer.queue_failed_table);
        perform ai._vectorizer_migration_rename_indexes(target.queue_schema, vectorizer.queue_failed_table,
            target.queue_failed_table);
    end if;
    execute pg_catalog.format('alter trigger %I on %I.%I rename to %I', target.trigger_name,
        vectorizer.source_schema, vectorizer.source_table, vectorizer.trigger_name);
    execute pg_catalog.format('alter trigger %I on %I.%I rename to %I', target.trigger_name operator(pg_catalog.||) '_truncate',
        vectorizer.source_schema, vectorizer.source_table, vectorizer.trigger_name operator(pg_catalog.||) '_truncate');
    if exists
    ( select 1 from pg_catalog.pg_trigger t
      where t.tgrelid operator(pg_catalog.=) pg_catalog.format('%I.%I', vectorizer.source_schema, vectorizer.source_table)::pg_catalog.regclass
      and t.tgname operator(pg_catalog.=) (target.trigger_name operator(pg_catalog.||) '_notify')
    ) then
        -- its argument names the queue: created again for the renamed one
        execute pg_catalog.format('drop trigger %I on %I.%I', target.trigger_name operator(pg_catalog.||) '_notify',
            vectorizer.source_schema, vectorizer.source_table);
        perform ai._vectorizer_create_notify_trigger(vectorizer.trigger_name, target.queue_schema, vectorizer.queue_table,
            vectorizer.source_schema, vectorizer.source_table);
    end if;
    execute pg_catalog.format('alter function %I.%I() rename to %I', target.queue_schema, target.trigger_name, vectorizer.trigger_name);
    select case when p.proparallel operator(pg_catalog.=) 's' then ' parallel safe' else '' end into _parallel
    from pg_catalog.pg_proc p
    where p.oid operator(pg_catalog.=) pg_catalog.format('%I.%I()', target.queue_schema, vectorizer.trigger_name)::pg_catalog.regprocedure;
    execute pg_catalog.format('create or replace function %I.%I() returns trigger as %L language plpgsql volatile%s security definer'
        ' set search_path to pg_catalog, pg_temp', target.queue_schema, vectorizer.trigger_name,
        ai._vectorizer_build_trigger_definition(target.queue_schema, vectorizer.queue_table, _schema, _store,
            vectorizer.source_schema, vectorizer.source_table, vectorizer.source_pk), _parallel);

    update ai._vectorizer_errors e set id = vectorizer.id where e.id operator(pg_catalog.=) target.id;
    insert into ai.pgai_spring_vectorizer_migration_history (vectorizer_id, vectorizer_name, started_at, source_config, target_config)
    select vectorizer.id, vectorizer.name, m.started_at, vectorizer.config
    , target.config operator(pg_catalog.||) pg_catalog.jsonb_build_object('destination', _destination)
    from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) vectorizer.id;
    delete from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) vectorizer.id;
    delete from ai.vectorizer v where v.id operator(pg_catalog.=) target.id;
    update ai.vectorizer v
    set config = target.config operator(pg_catalog.||) pg_catalog.jsonb_build_object('destination', _destination)
    where v.id operator(pg_catalog.=) vectorizer.id;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-------------------------------------------------------------------------------
-- ai.finish_vectorizer_migration: switches a vectorizer to its new store once the migration has caught up (see
-- ai._vectorizer_migration_waiting_for), in one transaction. It takes the locks of the switch in the order source
-- table, queues, stores, waiting at most lock_timeout for each (the source table's writers and the workers' batches
-- finish first; searches wait only for the switch itself). Returns 'switched', 'waiting' (not caught up yet, or a
-- lock not granted in time: call again) or 'none' (no migration runs). The starter's worker calls it; with pgai's
-- worker alone, call it until it returns 'switched'.
create or replace function ai.finish_vectorizer_migration
( name pg_catalog.text
, lock_timeout pg_catalog.interval default '200ms'
) returns pg_catalog.text
as $func$
declare
    _vec ai.vectorizer;
    _target ai.vectorizer;
    _previous_lock_timeout pg_catalog.text = pg_catalog.current_setting('lock_timeout');
begin
    perform pg_catalog.set_config('lock_timeout', pg_catalog.ceil(pg_catalog.date_part('epoch', finish_vectorizer_migration.lock_timeout)
        operator(pg_catalog.*) 1000)::pg_catalog.int8::pg_catalog.text operator(pg_catalog.||) 'ms', true);
    begin
        perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('pgai-vectorizer:' operator(pg_catalog.||) finish_vectorizer_migration.name));
    exception when lock_not_available then
        perform pg_catalog.set_config('lock_timeout', _previous_lock_timeout, true);
        return 'waiting';
    end;
    _vec = ai._vectorizer(ai._vectorizer_id(finish_vectorizer_migration.name));
    select t.* into _target
    from ai.pgai_spring_vectorizer_migration m
    inner join ai.vectorizer t on (t.id operator(pg_catalog.=) m.target_id)
    where m.vectorizer_id operator(pg_catalog.=) _vec.id;
    if not found then
        delete from ai.pgai_spring_vectorizer_migration m where m.vectorizer_id operator(pg_catalog.=) _vec.id;
        perform pg_catalog.set_config('lock_timeout', _previous_lock_timeout, true);
        return 'none';
    end if;
    if ai._vectorizer_migration_waiting_for(_vec, _target) is not null then
        perform pg_catalog.set_config('lock_timeout', _previous_lock_timeout, true);
        return 'waiting';
    end if;
    begin
        execute pg_catalog.format('lock table %I.%I in access exclusive mode', _vec.source_schema, _vec.source_table);
        execute pg_catalog.format('lock table %I.%I, %I.%I in access exclusive mode', _target.queue_schema, _target.queue_table,
            _vec.queue_schema, _vec.queue_table);
        execute pg_catalog.format('lock table %s, %s in access exclusive mode',
            pg_catalog.format('%I.%I', _vec.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema',
                _vec.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table'),
            pg_catalog.format('%I.%I', _target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema',
                _target.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table'));
        -- nothing can be in flight now: check again with what committed before the locks
        if ai._vectorizer_migration_waiting_for(_vec, _target) is not null then
            raise exception using errcode = 'lock_not_available';
        end if;
        perform ai._vectorizer_migration_switch(_vec, _target);
    exception when lock_not_available or deadlock_detected then
        perform pg_catalog.set_config('lock_timeout', _previous_lock_timeout, true);
        return 'waiting';
    end;
    perform pg_catalog.set_config('lock_timeout', _previous_lock_timeout, true);
    return 'switched';
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The migrations in progress: the vectorizer, its target, the target's store, when it started, the rows queued for
-- it then (backfill_rows), those queued now (pending_items), and what the switch waits for (null: nothing, the next
-- ai.finish_vectorizer_migration switches).
create or replace view ai.vectorizer_migration_status as
select
  v.id
, v.name
, t.id as target_id
, t.name as target_name
, pg_catalog.format('%I.%I', t.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_schema',
    t.config operator(pg_catalog.->) 'destination' operator(pg_catalog.->>) 'target_table') as target_table
, m.started_at
, m.backfill_rows
, ai.vectorizer_queue_pending(t.id, exact_count => true) as pending_items
, ai._vectorizer_migration_waiting_for(v, t) as waiting_for
from ai.pgai_spring_vectorizer_migration m
inner join ai.vectorizer v on (v.id operator(pg_catalog.=) m.vectorizer_id)
inner join ai.vectorizer t on (t.id operator(pg_catalog.=) m.target_id);

-- Whether the vectorizer's stored embedding configuration is the given one. The repositories' text searches carry
-- it in their WHERE clause with the vectorizer id and embedding configuration they embedded the query with: without
-- a column of the rows it is a pseudo-constant qual, which PostgreSQL evaluates once per statement (a One-Time Filter
-- above the index scan), in the statement's snapshot, so that the store the statement reads and the configuration it
-- checks are those of one moment. A search whose query was embedded before a migration switched the model returns
-- no rows instead of rows ranked with the old model's vector; the repository then reads the configuration again,
-- embeds the query with the new model and searches once more.
create or replace function ai._pgai_spring_embedding_current
( vectorizer_id pg_catalog.int4
, embedding pg_catalog.jsonb
) returns pg_catalog.bool
as $func$
    select coalesce(
        ( select (v.config operator(pg_catalog.->) 'embedding') operator(pg_catalog.=) $2
          from ai.vectorizer v
          where v.id operator(pg_catalog.=) $1
        ), false)
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;
