-- Embedding configuration: which model turns chunks into vectors of how many dimensions.

create or replace function ai.embedding_openai
( model pg_catalog.text
, dimensions pg_catalog.int4
, chat_user pg_catalog.text default null
, api_key_name pg_catalog.text default 'OPENAI_API_KEY'
, base_url pg_catalog.text default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'openai'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    , 'user', chat_user
    , 'api_key_name', api_key_name
    , 'base_url', base_url
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.embedding_ollama
( model pg_catalog.text
, dimensions pg_catalog.int4
, base_url pg_catalog.text default null
, options pg_catalog.jsonb default null
, keep_alive pg_catalog.text default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'ollama'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    , 'base_url', base_url
    , 'options', options
    , 'keep_alive', keep_alive
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.embedding_voyageai
( model pg_catalog.text
, dimensions pg_catalog.int4
, input_type pg_catalog.text default 'document'
, api_key_name pg_catalog.text default 'VOYAGE_API_KEY'
) returns pg_catalog.jsonb
as $func$
begin
    if input_type is not null and input_type operator(pg_catalog.<>) all (array['query', 'document']) then
        raise exception 'invalid input_type for voyage ai "%"', input_type
        using hint = 'input_type must be ''document'', ''query'' or null';
    end if;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'voyageai'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    , 'input_type', input_type
    , 'api_key_name', api_key_name
    ));
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.embedding_litellm
( model pg_catalog.text
, dimensions pg_catalog.int4
, api_key_name pg_catalog.text default null
, extra_options pg_catalog.jsonb default null
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object
    ( 'implementation', 'litellm'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    , 'api_key_name', api_key_name
    , 'extra_options', extra_options
    ))
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- pgai defines it for its semantic catalog; its vectorizer validator (and ai._validate_embedding below) rejects it
create or replace function ai.embedding_sentence_transformers
( model pg_catalog.text default 'nomic-ai/nomic-embed-text-v1.5'
, dimensions pg_catalog.int4 default 768
) returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object
    ( 'implementation', 'sentence_transformers'
    , 'config_type', 'embedding'
    , 'model', model
    , 'dimensions', dimensions
    )
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai._validate_embedding(config pg_catalog.jsonb) returns void
as $func$
declare
    _implementation pg_catalog.text;
    _dimensions pg_catalog.jsonb;
begin
    perform ai._validate_config_object(config, 'embedding');
    _implementation = config operator(pg_catalog.->>) 'implementation';
    if _implementation is null then
        raise exception 'embedding implementation not specified';
    end if;
    if _implementation operator(pg_catalog.=) 'sentence_transformers' then
        raise exception 'invalid embedding implementation: "sentence_transformers"'
        using detail = 'ai.embedding_sentence_transformers() configures the embeddings of pgai''s semantic catalog; no vectorizer worker runs sentence_transformers models'
        , hint = 'for an in-process model use ai.embedding_onnx(''all-minilm-l6-v2'', 384); otherwise ai.embedding_openai or ai.embedding_ollama';
    end if;
    if _implementation operator(pg_catalog.<>) all (array['openai', 'ollama', 'voyageai', 'litellm', 'onnx', 'spring_ai'])
    and not config operator(pg_catalog.@>) '{"custom": true}' then
        raise exception 'invalid embedding implementation: "%"', _implementation
        using hint = 'use ai.embedding_openai, ai.embedding_ollama, ai.embedding_voyageai, ai.embedding_litellm, ai.embedding_onnx or ai.embedding_spring_ai, or ai.embedding_custom(''<name>'', ...) for an application''s own EmbeddingProvider';
    end if;
    -- a Spring AI bean or an application's own provider may be asked for its configured model
    if (config operator(pg_catalog.->>) 'model') is null
    and _implementation operator(pg_catalog.<>) 'spring_ai' and not config operator(pg_catalog.@>) '{"custom": true}' then
        raise exception 'embedding model is required';
    end if;
    _dimensions = config operator(pg_catalog.->) 'dimensions';
    if _dimensions is null or pg_catalog.jsonb_typeof(_dimensions) operator(pg_catalog.=) 'null' then
        raise exception 'dimensions argument is required';
    end if;
    if pg_catalog.jsonb_typeof(_dimensions) operator(pg_catalog.<>) 'number'
    or _dimensions::pg_catalog.numeric operator(pg_catalog.<>) pg_catalog.trunc(_dimensions::pg_catalog.numeric) then
        raise exception 'dimensions must be an integer, not %', _dimensions;
    end if;
    if _dimensions::pg_catalog.numeric operator(pg_catalog.<=) 0 then
        raise exception 'dimensions must be greater than 0, not %', _dimensions;
    end if;
    if _dimensions::pg_catalog.numeric operator(pg_catalog.>) 16000 then
        raise exception 'dimensions must be at most 16000 (the limit of the vector type), not %', _dimensions;
    end if;
    if _implementation operator(pg_catalog.=) 'onnx' then
        perform ai._validate_embedding_onnx(config);
    end if;
end
$func$ language plpgsql immutable security invoker
set search_path to pg_catalog, pg_temp;
