-- The chunking helpers of the ai extension <= 0.9 (pgai < 0.10), which take the column to chunk first and keep it
-- in their config as chunk_column. pgai's migration 021 dropped them; the legacy seed statements still call them.
--
-- They return json, not jsonb. json has no implicit cast to jsonb, so a call of ai.create_vectorizer that passes
-- their result resolves to one of the legacy overloads (additions/004-legacy-create-vectorizer.sql), never to the
-- current function, and does so unambiguously whether the starter or pgai's installer created the current one.
-- Cast to jsonb (::jsonb) to read the config as pgai's other helpers return it.

-- starter 0.1.0 created them returning jsonb; a function's result type cannot be replaced
drop function if exists ai.chunking_character_text_splitter(pg_catalog.name, pg_catalog.int4, pg_catalog.int4,
    pg_catalog.text, pg_catalog.bool);
drop function if exists ai.chunking_recursive_character_text_splitter(pg_catalog.name, pg_catalog.int4,
    pg_catalog.int4, pg_catalog.text[], pg_catalog.bool);

create function ai.chunking_character_text_splitter
( chunk_column pg_catalog.name
, chunk_size pg_catalog.int4 default 800
, chunk_overlap pg_catalog.int4 default 400
, separator pg_catalog.text default E'\n\n'
, is_separator_regex pg_catalog.bool default false
) returns pg_catalog.json
as $func$
    select (pg_catalog.jsonb_build_object('chunk_column', chunk_column)
        operator(pg_catalog.||) ai.chunking_character_text_splitter(chunk_size, chunk_overlap, separator, is_separator_regex))::pg_catalog.json
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

create function ai.chunking_recursive_character_text_splitter
( chunk_column pg_catalog.name
, chunk_size pg_catalog.int4 default 800
, chunk_overlap pg_catalog.int4 default 400
, separators pg_catalog.text[] default array[E'\n\n', E'\n', '.', '?', '!', ' ', '']
, is_separator_regex pg_catalog.bool default false
) returns pg_catalog.json
as $func$
    select (pg_catalog.jsonb_build_object('chunk_column', chunk_column)
        operator(pg_catalog.||) ai.chunking_recursive_character_text_splitter(chunk_size, chunk_overlap, separators, is_separator_regex))::pg_catalog.json
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;
