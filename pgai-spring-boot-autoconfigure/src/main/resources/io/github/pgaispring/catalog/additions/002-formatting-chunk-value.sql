-- Embeds each chunk as it is. pgai's worker knows {"implementation": "chunk_value"} (class ChunkValue), but pgai's
-- SQL has no function for it, and pgai's own ai.create_vectorizer rejects it.

create or replace function ai.formatting_chunk_value() returns pg_catalog.jsonb
as $func$
    select pg_catalog.jsonb_build_object('implementation', 'chunk_value', 'config_type', 'formatting')
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;
