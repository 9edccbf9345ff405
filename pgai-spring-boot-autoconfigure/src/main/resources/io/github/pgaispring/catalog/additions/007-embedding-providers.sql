-- The starter's embedding implementations besides onnx: a Spring AI EmbeddingModel bean of the application
-- (spring_ai) and an application's own EmbeddingProvider bean (ai.embedding_custom). pgai has neither, so
-- ai.create_vectorizer accepts them only where the starter installed pgai's SQL API (pgai's own validator knows
-- openai, ollama, voyageai and litellm).

create or replace function ai.embedding_spring_ai
( model pg_catalog.text default null
, dimensions pg_catalog.int4 default null
, bean pg_catalog.text default null
) returns pg_catalog.jsonb
as $func$
begin
    if dimensions is null then
        raise exception 'dimensions argument is required'
        using hint = 'pass the length of the vectors the EmbeddingModel bean returns, e.g. ai.embedding_spring_ai(dimensions => 1536)';
    end if;
    if model is not null and pg_catalog.btrim(model) operator(pg_catalog.=) '' then
        raise exception 'model must not be empty'
        using hint = 'leave model out to embed with the model the EmbeddingModel bean is configured with';
    end if;
    if bean is not null and pg_catalog.btrim(bean) operator(pg_catalog.=) '' then
        raise exception 'bean must not be empty'
        using hint = 'leave bean out to embed with the application''s only (or primary) EmbeddingModel bean';
    end if;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'spring_ai'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    , 'bean', bean
    ));
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- an application's own EmbeddingProvider: its name, model and dimensions, and its options as keys of the object;
-- "custom": true tells ai.create_vectorizer that the name is meant, not a misspelt one of the catalog's
create or replace function ai.embedding_custom
( implementation pg_catalog.text
, model pg_catalog.text default null
, dimensions pg_catalog.int4 default null
, options pg_catalog.jsonb default null
) returns pg_catalog.jsonb
as $func$
declare
    _reserved pg_catalog.text;
begin
    if implementation is null or implementation operator(pg_catalog.!~) '^[a-z][a-z0-9_]*$' then
        raise exception 'invalid custom embedding implementation: "%"', implementation
        using hint = 'use the name your EmbeddingProvider bean claims: lower case letters, digits and underscores, starting with a letter';
    end if;
    if implementation operator(pg_catalog.=) any (array['openai', 'ollama', 'voyageai', 'litellm', 'onnx', 'spring_ai', 'sentence_transformers']) then
        raise exception '"%" is an embedding implementation of the catalog, not a custom one', implementation
        using hint = pg_catalog.format('use ai.embedding_%s(...)', implementation);
    end if;
    if dimensions is null then
        raise exception 'dimensions argument is required'
        using hint = 'pass the length of the vectors the provider returns, e.g. ai.embedding_custom(''cohere'', ''embed-english-v3.0'', 1024)';
    end if;
    if options is not null and pg_catalog.jsonb_typeof(options) operator(pg_catalog.<>) 'object' then
        raise exception 'options must be a JSON object, not %', options;
    end if;
    select k into _reserved
    from pg_catalog.jsonb_object_keys(coalesce(options, '{}')) k
    where k operator(pg_catalog.=) any (array['implementation', 'config_type', 'model', 'dimensions', 'custom'])
    limit 1;
    if _reserved is not null then
        raise exception 'options must not contain "%"', _reserved
        using hint = 'pass implementation, model and dimensions as the function''s arguments';
    end if;
    return pg_catalog.jsonb_build_object('implementation', implementation, 'config_type', 'embedding')
        operator(pg_catalog.||) pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('model', model, 'dimensions', dimensions))
        operator(pg_catalog.||) coalesce(options, '{}')
        operator(pg_catalog.||) '{"custom": true}';
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
