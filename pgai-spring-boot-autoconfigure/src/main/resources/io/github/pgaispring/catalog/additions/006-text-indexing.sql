-- Full-text indexing of a vectorizer's chunks, which hybrid (full-text and vector) searches rank with. It is no
-- argument of ai.create_vectorizer, whose signature stays pgai's: ai.set_text_indexing adds it to (or removes it
-- from) an existing vectorizer, whose config keeps it under 'text_indexing'; pgai's worker ignores that key. The
-- index is a stored generated column chunk_tsv = to_tsvector(language, chunk) on the store, and a GIN index on it.

create or replace function ai.text_indexing_none() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'none', 'config_type', 'text_indexing')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.text_indexing_tsvector(language pg_catalog.regconfig default 'english') returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object
    ( 'implementation', 'tsvector'
    , 'config_type', 'text_indexing'
    , 'language', language::pg_catalog.text
    )
$func$ language sql stable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_text_indexing(config pg_catalog.jsonb) returns void
as $func$
begin
    perform ai._validate_config_object(config, 'text_indexing');
    case config operator(pg_catalog.->>) 'implementation'
        when 'none' then
            -- nothing to build
        when 'tsvector' then
            begin
                perform (config operator(pg_catalog.->>) 'language')::pg_catalog.regconfig;
            exception when undefined_object or invalid_parameter_value or invalid_name or syntax_error then
                raise exception 'text search configuration "%" does not exist', config operator(pg_catalog.->>) 'language'
                using hint = 'use one that \dF lists, such as english or simple: ai.text_indexing_tsvector(language => ''english'')';
            end;
        else
            raise exception 'invalid text_indexing implementation: "%"', config operator(pg_catalog.->>) 'implementation'
            using hint = 'use ai.text_indexing_tsvector() or ai.text_indexing_none()';
    end case;
end
$func$ language plpgsql stable security invoker
set search_path to pg_catalog, pg_temp;

-- Makes the store's text index match the config: adds, replaces or drops the chunk_tsv column and its GIN index.
-- True when it changed the store.
create or replace function ai._vectorizer_set_text_index
( target_schema pg_catalog.name
, target_table pg_catalog.name
, text_indexing pg_catalog.jsonb
) returns pg_catalog.bool
as $func$
declare
    _table pg_catalog.regclass = pg_catalog.format('%I.%I', target_schema, target_table)::pg_catalog.regclass;
    _wanted pg_catalog.text;
    _generated pg_catalog.char;
    _expression pg_catalog.text;
    _changed pg_catalog.bool = false;
begin
    if (text_indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'tsvector' then
        _wanted = pg_catalog.format('to_tsvector(%L::regconfig, chunk)',
            ((text_indexing operator(pg_catalog.->>) 'language')::pg_catalog.regconfig)::pg_catalog.text);
    end if;
    select a.attgenerated, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
    into _generated, _expression
    from pg_catalog.pg_attribute a
    left outer join pg_catalog.pg_attrdef d on (d.adrelid operator(pg_catalog.=) a.attrelid and d.adnum operator(pg_catalog.=) a.attnum)
    where a.attrelid operator(pg_catalog.=) _table and a.attname operator(pg_catalog.=) 'chunk_tsv' and not a.attisdropped;
    if found and _generated operator(pg_catalog.<>) 's' then
        raise exception 'the embedding store %.% has a column chunk_tsv that is not the text index', target_schema, target_table
        using hint = 'rename or drop the column, then call ai.set_text_indexing again';
    end if;
    if found and _expression is not distinct from _wanted then
        return false;
    end if;
    if found then
        execute pg_catalog.format('alter table %I.%I drop column chunk_tsv', target_schema, target_table);
        _changed = true;
    end if;
    if _wanted is not null then
        execute pg_catalog.format('alter table %I.%I add column chunk_tsv pg_catalog.tsvector generated always as (%s) stored',
            target_schema, target_table, _wanted);
        execute pg_catalog.format('create index on %I.%I using gin (chunk_tsv)', target_schema, target_table);
        _changed = true;
    end if;
    return _changed;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- ai.set_text_indexing: gives a vectorizer's store a full-text index (existing chunks are indexed at once), changes
-- its language, or removes it with ai.text_indexing_none(). True when the store changed.
create or replace function ai.set_text_indexing
( vectorizer_id pg_catalog.int4
, text_indexing pg_catalog.jsonb default ai.text_indexing_tsvector()
) returns pg_catalog.bool
as $func$
declare
    _vec ai.vectorizer;
    _destination pg_catalog.jsonb;
    _changed pg_catalog.bool;
begin
    perform ai._validate_text_indexing(text_indexing);
    select v.* into _vec from ai.vectorizer v where v.id operator(pg_catalog.=) (ai._vectorizer(vectorizer_id)).id for update;
    _destination = _vec.config operator(pg_catalog.->) 'destination';
    if (_destination operator(pg_catalog.->>) 'implementation') is distinct from 'table' then
        if (text_indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'none' then
            return false;
        end if;
        raise exception 'vectorizer % stores its embeddings in a column of its source table; text indexing needs a table destination', _vec.name
        using hint = 'create the vectorizer with destination => ai.destination_table()';
    end if;
    if pg_catalog.to_regclass(pg_catalog.format('%I.%I', _destination operator(pg_catalog.->>) 'target_schema',
            _destination operator(pg_catalog.->>) 'target_table')) is null then
        raise exception 'the embedding store %.% of vectorizer % does not exist', _destination operator(pg_catalog.->>) 'target_schema',
            _destination operator(pg_catalog.->>) 'target_table', _vec.name
        using errcode = 'undefined_table';
    end if;
    _changed = ai._vectorizer_set_text_index(_destination operator(pg_catalog.->>) 'target_schema',
        _destination operator(pg_catalog.->>) 'target_table', text_indexing);
    update ai.vectorizer v
    set config = case when (text_indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'none'
        then v.config operator(pg_catalog.-) 'text_indexing'
        else v.config operator(pg_catalog.||) pg_catalog.jsonb_build_object('text_indexing', text_indexing) end
    where v.id operator(pg_catalog.=) _vec.id
    and v.config operator(pg_catalog.->) 'text_indexing' is distinct from
        case when (text_indexing operator(pg_catalog.->>) 'implementation') operator(pg_catalog.=) 'none' then null else text_indexing end;
    return _changed or found;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.set_text_indexing
( name pg_catalog.text
, text_indexing pg_catalog.jsonb default ai.text_indexing_tsvector()
) returns pg_catalog.bool
as $func$
    select ai.set_text_indexing(ai._vectorizer_id(name), text_indexing)
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- For ai.drop_vectorizer: removes the text index of a store that outlives its vectorizer (drop_all => false).
create or replace function ai._vectorizer_drop_text_index(vectorizer ai.vectorizer) returns void
as $func$
declare
    _destination pg_catalog.jsonb = vectorizer.config operator(pg_catalog.->) 'destination';
begin
    if (vectorizer.config operator(pg_catalog.->) 'text_indexing') is null
    or (_destination operator(pg_catalog.->>) 'implementation') is distinct from 'table'
    or pg_catalog.to_regclass(pg_catalog.format('%I.%I', _destination operator(pg_catalog.->>) 'target_schema',
        _destination operator(pg_catalog.->>) 'target_table')) is null then
        return;
    end if;
    perform ai._vectorizer_set_text_index(_destination operator(pg_catalog.->>) 'target_schema',
        _destination operator(pg_catalog.->>) 'target_table', ai.text_indexing_none());
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;
