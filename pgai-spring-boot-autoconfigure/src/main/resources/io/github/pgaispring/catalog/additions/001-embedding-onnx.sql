-- The starter's in-process ONNX models. pgai has no such provider: ai.create_vectorizer accepts this config only
-- where the starter installed pgai's SQL API (pgai's own validator knows openai, ollama, voyageai and litellm).

-- the in-process ONNX models the pgai-spring worker ships with, and their output dimensions
create or replace function ai._embedding_onnx_models() returns pg_catalog.jsonb
as $func$
    select '{"all-minilm-l6-v2": 384, "bge-small-en-v1.5": 384}'::pg_catalog.jsonb
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_embedding_onnx(config pg_catalog.jsonb) returns void
as $func$
declare
    _model pg_catalog.text = config operator(pg_catalog.->>) 'model';
    _expected pg_catalog.int4;
begin
    _expected = (ai._embedding_onnx_models() operator(pg_catalog.->>) _model)::pg_catalog.int4;
    if _expected is null then
        raise exception 'unknown onnx embedding model "%"', _model
        using hint = pg_catalog.format('known models: %s',
            (select pg_catalog.string_agg(k, ', ' order by k) from pg_catalog.jsonb_object_keys(ai._embedding_onnx_models()) k));
    end if;
    if (config operator(pg_catalog.->>) 'dimensions')::pg_catalog.int4 is distinct from _expected then
        raise exception 'onnx model "%" produces % dimensions, not %', _model, _expected, config operator(pg_catalog.->>) 'dimensions'
        using hint = pg_catalog.format('use ai.embedding_onnx(%L, %s)', _model, _expected);
    end if;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.embedding_onnx
( model pg_catalog.text default 'all-minilm-l6-v2'
, dimensions pg_catalog.int4 default 384
) returns pg_catalog.jsonb
as $func$
declare
    _config pg_catalog.jsonb = pg_catalog.jsonb_build_object
    ( 'implementation', 'onnx'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    );
begin
    perform ai._validate_embedding_onnx(_config);
    return _config;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
